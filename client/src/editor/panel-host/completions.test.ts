import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../commands/testing';
import { completionsFor } from './completions';

describe('completionsFor', () => {
  const graph = () => {
    const g = sampleGraph();
    const trigger = g.nodes[0];
    if (trigger) {
      trigger.data.inputSchema = {
        type: 'object',
        properties: {
          source_ip: { type: 'string' },
          'x-tenant': { type: 'string' },
          asset: { type: 'object', properties: { owner: { type: 'string' } } },
        },
      };
    }
    return { ...g, vars: { soc_channel: '#soc' } };
  };

  it('when a node has upstream steps then it completes their outputs, the event fields and vars', () => {
    const paths = completionsFor(graph(), 'block_ip_1').map((c) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'event',
        'event.source_ip',
        'event.`x-tenant`',
        'event.asset.owner',
        'steps.condition_1.output',
        'steps.http_1.output',
        'steps.http_1.output.status',
        'vars.soc_channel',
      ]),
    );
  });

  it('when a step comes first then no step output is offered (and never its own)', () => {
    const paths = completionsFor(graph(), 'http_1').map((c) => c.path);
    expect(paths.filter((p) => p.startsWith('steps.'))).toEqual([]);
  });
});
