import { describe, expect, it } from 'vitest';
import { sampleGraph, step } from '../commands/testing';
import { connectChoices, titleOf } from './connections';

describe('connectChoices', () => {
  it('when asked for a condition then its ports say where they lead and the error port is offered too', () => {
    const { ports } = connectChoices(sampleGraph(), 'condition_1');
    expect(ports.map((p) => [p.id, p.targets])).toEqual([
      ['true', ['block_ip_1']],
      ['false', []],
      ['error', []],
    ]);
  });

  it('when listing targets then only other steps are offered (no trigger, no note, not itself), a label equal to the id said once', () => {
    const g = sampleGraph();
    g.nodes.push({ id: 'note_1', type: 'note', position: { x: 0, y: 0 }, data: { nodeType: 'note', text: 'hi' } });
    const { targets } = connectChoices(g, 'http_1');
    expect(targets.map((t) => t.id).sort()).toEqual(['block_ip_1', 'condition_1']);
    expect(targets.find((t) => t.id === 'condition_1')?.title).toBe('condition_1');
  });

  it('when the node has edges in and out then each is listed in words with its port label', () => {
    const g = sampleGraph();
    g.nodes[1] = { ...g.nodes[1]!, data: { ...g.nodes[1]!.data, label: 'Threat intel' } };
    const { lines } = connectChoices(g, 'http_1');
    expect(lines).toEqual([
      { edgeId: 'webhook_1:out->http_1', text: 'webhook_1 · Start → Threat intel (http_1)' },
      { edgeId: 'http_1:out->condition_1', text: 'Threat intel (http_1) · Next → condition_1' },
    ]);
  });

  it('when the node is a note or unknown then nothing is offered', () => {
    const g = sampleGraph();
    g.nodes.push(step('note_1', 'note'));
    expect(connectChoices(g, 'note_1')).toEqual({ ports: [], targets: [], lines: [] });
    expect(connectChoices(g, 'nope')).toEqual({ ports: [], targets: [], lines: [] });
  });

  it('when a node has no label then its title is its id alone, else its label and id', () => {
    const g = sampleGraph();
    g.nodes[0] = { ...g.nodes[0]!, data: { nodeType: 'trigger.webhook' } };
    g.nodes[1] = { ...g.nodes[1]!, data: { ...g.nodes[1]!.data, label: 'Threat intel' } };
    expect(titleOf(g, 'webhook_1')).toBe('webhook_1');
    expect(titleOf(g, 'http_1')).toBe('Threat intel (http_1)');
  });
});
