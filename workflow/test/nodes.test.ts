import { describe, expect, it } from 'vitest';
import {
  NODE_TYPES,
  STEP_DEFINITIONS,
  STEP_TYPES,
  TRIGGER_DEFINITIONS,
  TRIGGER_TYPES,
  nodeSummary,
} from '../src/nodes';

describe('node catalogue', () => {
  it('when the registry is read then each key names its own definition and no type is listed twice', () => {
    for (const [key, def] of Object.entries({ ...TRIGGER_DEFINITIONS, ...STEP_DEFINITIONS }))
      expect(def.type).toBe(key);
    const types = NODE_TYPES.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual([...Object.keys(TRIGGER_DEFINITIONS), ...Object.keys(STEP_DEFINITIONS)]);
  });

  it('when sorted by section then triggers are triggers and steps are not', () => {
    expect(TRIGGER_TYPES).toEqual(Object.keys(TRIGGER_DEFINITIONS));
    expect(STEP_TYPES).toEqual(Object.keys(STEP_DEFINITIONS));
  });

  it.each(NODE_TYPES.map((d) => [d.type, d] as const))('when %s is drawn then its glyph is SVG path data', (_, def) => {
    expect(def.icon.length).toBeGreaterThan(0);
    for (const d of def.icon) expect(d).toMatch(/^M[-\d.\s,a-zA-Z]+$/);
  });

  it.each(NODE_TYPES.map((d) => [d.type, d.defaults] as const))(
    'when %s has its default params then its summary is at most three short lines',
    (type, defaults) => {
      const lines = nodeSummary(type, defaults);
      expect(lines.every((l) => typeof l === 'string')).toBe(true);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThanOrEqual(3);
    },
  );

  it('when params are half-written then summaries do not throw', () => {
    for (const d of NODE_TYPES) expect(() => d.summary({ cases: 'x', approvers: 3, items: {} })).not.toThrow();
    expect(nodeSummary('approval', undefined)).toEqual(['ask —', 'timeout — → timeout']);
  });

  it('when the type is unknown then the summary is empty', () => {
    expect(nodeSummary('no-such-type', { a: 1 })).toEqual([]);
  });

  it('when an http step has a method and URL then its summary shows both', () => {
    expect(nodeSummary('http', { method: 'POST', url: 'https://x' })).toEqual(['POST https://x']);
  });
});
