import { NODE_TYPES } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { paletteGroups } from './groups';

describe('paletteGroups', () => {
  it('when nothing is searched then every type appears once, grouped Triggers, Logic, Human, Actions', () => {
    const groups = paletteGroups('');
    expect(groups.map((g) => g.title)).toEqual(['Triggers', 'Logic', 'Human', 'Actions']);
    expect(groups.flatMap((g) => g.items).length).toBe(NODE_TYPES.length);
  });

  it('when searching a word of a description then only matching types stay', () => {
    const types = paletteGroups('vendor connector').flatMap((g) => g.items.map((d) => d.type));
    expect(types).toEqual(['connector']);
  });

  it('when searching by label, in any case, then it matches', () => {
    expect(paletteGroups('APPROVAL').flatMap((g) => g.items.map((d) => d.type))).toContain('approval');
  });

  it('when nothing matches then no group is left', () => {
    expect(paletteGroups('zzzz')).toEqual([]);
  });
});
