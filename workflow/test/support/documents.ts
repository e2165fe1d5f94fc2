import { expect } from 'vitest';
import { FORMAT_VERSION } from '../../src/document';
import type { Problem } from '../../src/problem';
import { gatewayParams } from '../../src/testing/gateway';

/** A node as a test writes it: loose, so that a test can break it on purpose. */
export interface NodeJson {
  id?: string;
  type: string;
  label?: unknown;
  params: Record<string, unknown>;
  transitions?: Record<string, string[]>;
  [key: string]: unknown;
}

export interface DocJson {
  formatVersion: number;
  metadata: Record<string, unknown>;
  trigger: NodeJson & { id: string };
  steps: Record<string, NodeJson>;
  [key: string]: unknown;
}

/**
 * A small valid workflow every semantic test starts from:
 *
 *   alert (webhook) ─out→ enrich (http) ─out→ check (condition) ─true→ block (gateway block_ip) ─out→ done (end)
 *                                                               └─false───────────────────────→ done
 */
export function baseDocument(): DocJson {
  return {
    formatVersion: FORMAT_VERSION,
    metadata: { name: 'Block bad IPs' },
    trigger: { id: 'alert', type: 'trigger.webhook', params: {}, transitions: { out: ['enrich'] } },
    steps: {
      enrich: {
        type: 'http',
        params: { url: 'https://intel.example/ip/{{ event.ip }}' },
        transitions: { out: ['check'] },
      },
      check: {
        type: 'condition',
        params: { predicate: 'steps.enrich.output.body.score >= 70' },
        transitions: { true: ['block'], false: ['done'] },
      },
      block: {
        type: 'connector',
        params: gatewayParams('block_ip', {
          ip: '{{ event.ip }}',
          reason: 'score {{ steps.enrich.output.body.score }}',
          path: '/block',
        }),
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: { message: 'checked {{ event.ip }}' } },
    },
  };
}

/** A copy of the base document after `change`. */
export function withChange(change: (d: DocJson) => void, base: DocJson = baseDocument()): DocJson {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** The step `id` of a test document, which the test knows is there. */
export function step(d: DocJson, id: string): NodeJson {
  const s = d.steps[id];
  if (!s) throw new Error(`no step ${id} in the test document`);
  return s;
}

/** Asserts one problem with exactly this node and path, whose message contains `fragment`. */
export function expectProblem(problems: readonly Problem[], nodeId: string, path: string, fragment: string): void {
  expect(problems).toContainEqual({ nodeId, path, message: expect.stringContaining(fragment) });
}
