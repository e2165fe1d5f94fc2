import { describe, expect, it } from 'vitest';
import { sampleGraph, step } from '../commands/testing';
import { connectorStepParams } from '../connectors/catalog';
import { abuseipdb, testCatalog } from '../connectors/testing';
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

  it("when a node is on a step's error path then that step's error, kind, message and status are offered", () => {
    // http_1 ─error→ block_ip_1: block_ip_1 may read steps.http_1.error; condition_1 (after out) may not
    const g = graph();
    g.edges.push({ id: 'http_1:error->block_ip_1', source: 'http_1', sourceHandle: 'error', target: 'block_ip_1' });

    const onErrorPath = completionsFor(g, 'block_ip_1').map((c) => c.path);
    const afterOut = completionsFor(g, 'condition_1').map((c) => c.path);

    expect(onErrorPath).toEqual(
      expect.arrayContaining([
        'steps.http_1.error',
        'steps.http_1.error.kind',
        'steps.http_1.error.message',
        'steps.http_1.error.status',
      ]),
    );
    expect(onErrorPath.filter((p) => p.startsWith('steps.condition_1.error'))).toEqual([]);
    expect(afterOut.filter((p) => p.includes('.error'))).toEqual([]);
  });

  it('when a step comes first then no step output is offered (and never its own)', () => {
    const paths = completionsFor(graph(), 'http_1').map((c) => c.path);
    expect(paths.filter((p) => p.startsWith('steps.'))).toEqual([]);
  });

  it("when an upstream step is a connector step then its output paths come from its action's response schema", () => {
    // webhook_1 → check_1 (abuseipdb check_ip) → http_1 …
    const g = graph();
    g.nodes.push(step('check_1', 'connector', connectorStepParams(abuseipdb, 'check_ip')));
    g.edges.push({ id: 'check_1:out->http_1', source: 'check_1', sourceHandle: 'out', target: 'http_1' });

    const items = completionsFor(g, 'http_1', testCatalog());
    const withoutCatalog = completionsFor(g, 'http_1').map((c) => c.path);

    expect(items.filter((c) => c.path.startsWith('steps.check_1.output.'))).toEqual([
      { path: 'steps.check_1.output.data', detail: 'object' },
      { path: 'steps.check_1.output.data.abuseConfidenceScore', detail: 'integer — 0-100' },
      { path: 'steps.check_1.output.data.isp', detail: 'string' },
    ]);
    expect(withoutCatalog.filter((p) => p.startsWith('steps.check_1.output.'))).toEqual([]);
  });
});
