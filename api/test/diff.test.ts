import { diffWorkflows, validateDocument, type WorkflowDocument } from '@autonomic/workflow';
import { describe, expect, test } from 'vitest';
import { VersionDiff } from '../src';

/** trigger (manual) → lookup (GET https://intel.example/ip with `query`) → done */
function document(query: Record<string, string>): WorkflowDocument {
  const r = validateDocument({
    formatVersion: 2,
    metadata: { name: 'Look up' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['lookup'] } },
    steps: {
      lookup: {
        type: 'http',
        params: { method: 'GET', url: 'https://intel.example/ip', headers: {}, query },
        transitions: { out: ['done'] },
      },
      done: { type: 'end', params: {} },
    },
  });
  if (!r.document) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

describe('VersionDiff', () => {
  test('when a value is added on one side and removed on the other then the diff, as JSON, still fits the contract', () => {
    const diff = diffWorkflows(document({ old: '1' }), document({ added: '2' }));
    // The server's reply goes out as JSON: an undefined side is dropped on the way.
    const reply = JSON.parse(
      JSON.stringify({ from: { number: 1, contentHash: 'a' }, to: { number: 2, contentHash: 'b' }, diff }),
    );

    const r = VersionDiff.safeParse(reply);

    expect(r.error?.issues ?? []).toEqual([]);
    expect(r.data?.diff.steps.changed[0]?.params).toEqual([
      { path: 'query.added', after: '2' },
      { path: 'query.old', before: '1' },
    ]);
  });
});
