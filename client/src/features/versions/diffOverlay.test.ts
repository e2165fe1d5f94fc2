import { diffWorkflows, documentToGraph, gatewayParams } from '@autonomic/workflow';
import { describe, expect, test } from 'vitest';
import { diffOverlay } from './diffOverlay';
import { copyOfBase, parsedDocument } from './testing';

/**
 * before: start → enrich → check ─true→ block ─out→ notify, ─error→ failed; check ─false→ done
 * after:  `done` removed (false → notify), `ticket` added after notify, `block` params changed
 */
function edited() {
  const doc = copyOfBase();
  const steps: Record<string, unknown> = doc.steps;
  delete steps['done'];
  doc.steps.check.transitions = { true: ['block'], false: ['notify'] };
  (doc.steps.block.params['input'] as Record<string, unknown>)['duration'] = '24h';
  doc.steps.notify.transitions = { out: ['ticket'] } as typeof doc.steps.notify.transitions;
  steps['ticket'] = {
    type: 'connector',
    label: 'Ticket',
    params: gatewayParams('notify', { text: 'x', to: 'soc@x.example', message: 'x' }, 'notify-email'),
    transitions: {},
  };
  return doc;
}

function overlayOf(beforeRaw: unknown, afterRaw: unknown) {
  const before = parsedDocument(beforeRaw);
  const after = parsedDocument(afterRaw);
  return diffOverlay(diffWorkflows(before, after), documentToGraph(before), documentToGraph(after));
}

describe('diffOverlay', () => {
  test('when a step is added then it is green (added)', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.nodes['ticket']).toEqual({ state: 'added', note: 'added' });
  });

  test('when a step is removed then it is a red ghost at its old place', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.nodes['done']).toEqual({ state: 'removed', note: 'removed' });
    expect(o.ghosts?.map((g) => g.id)).toEqual(['done']);
    expect(o.ghosts?.[0]?.data.label).toBe('No action');
  });

  test('when params change then the step is amber with what changed', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.nodes['block']).toEqual({ state: 'changed', note: 'changed: 1 param' });
  });

  test('when only the wiring changes then the step is amber with "wiring"', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.nodes['notify']).toEqual({ state: 'changed', note: 'changed: wiring' });
    expect(o.nodes['check']).toEqual({ state: 'changed', note: 'changed: wiring' });
  });

  test('when transitions are gained and lost then edges are added and removed by id', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.edges).toEqual({
      'check:false->notify': 'added',
      'notify:out->ticket': 'added',
      'check:false->done': 'removed',
    });
  });

  test('when a step is unchanged then it carries no decoration', () => {
    const o = overlayOf(copyOfBase(), edited());
    expect(o.nodes['enrich']).toBeUndefined();
    expect(o.nodes['start']).toBeUndefined();
  });

  test('when the trigger params change then the trigger is amber', () => {
    const after = copyOfBase();
    after.trigger.label = 'Analyst starts';
    const o = overlayOf(copyOfBase(), after);
    expect(o.nodes['start']).toEqual({ state: 'changed', note: 'changed: label' });
  });

  test('when nothing but positions change then the overlay is empty', () => {
    const after = copyOfBase();
    after.ui.positions.start = { x: 50, y: 50 };
    expect(overlayOf(copyOfBase(), after)).toEqual({ nodes: {}, edges: {}, ghosts: [] });
  });

  test('when the older side is empty (a first version) then the trigger is green (added), not amber wiring', () => {
    const after = parsedDocument(copyOfBase());
    const nothing = { ...after, trigger: { ...after.trigger, transitions: {} }, steps: {} };
    const overlay = diffOverlay(
      diffWorkflows(nothing, after),
      { nodes: [], edges: [], metadata: { name: '' } },
      documentToGraph(after),
    );
    expect(overlay.nodes?.['start']).toEqual({ state: 'added', note: 'added' });
  });
});
