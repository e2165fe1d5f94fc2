import { describe, expect, it } from 'vitest';
import { step } from '../commands/testing';
import { connectorStepParams, EMPTY_CATALOG } from '../connectors/catalog';
import { abuseipdb, testCatalog } from '../connectors/testing';
import { createEditorStore } from './createEditorStore';

const connectorProblemsOf = (params: Record<string, unknown> | undefined) => {
  const store = createEditorStore({ nodes: [step('check_1', 'connector', params)] });
  store.getState().setConnectors(testCatalog());
  return store.getState().problemsByNode.get('check_1') ?? [];
};

describe('edit-time validation of connector steps', () => {
  const valid = {
    ...connectorStepParams(abuseipdb, 'check_ip'),
    credential: 'abuse_prod',
    input: { ipAddress: '{{ event.ip }}' },
  };

  it('when the credential exists for that connector then the step has no connector problem', () => {
    expect(connectorProblemsOf(valid).filter((p) => p.path.startsWith('params'))).toEqual([]);
  });

  it('when the credential does not exist then the node has a problem at params.credential, before saving', () => {
    expect(connectorProblemsOf({ ...valid, credential: 'nope' })).toContainEqual({
      nodeId: 'check_1',
      path: 'params.credential',
      message: 'there is no credential “nope”: pick another, or ask an admin to create it on Credentials',
    });
  });

  it("when the credential is another connector's then the node says whose it is", () => {
    const problems = connectorProblemsOf({ ...valid, credential: 'slack_soc' });
    expect(problems.find((p) => p.path === 'params.credential')?.message).toMatch(/is for slack, not/);
  });

  it('when the pinned version is not installed then the node names the installed one', () => {
    const problems = connectorProblemsOf({ ...valid, version: '0.9.0' });
    expect(problems.find((p) => p.path === 'params.version')?.message).toBe(
      'version 0.9.0 of abuseipdb is not installed (installed: 1.2.0)',
    );
  });

  it('when the catalog is not loaded yet then no connector problem is guessed', () => {
    const store = createEditorStore({ nodes: [step('check_1', 'connector', { ...valid, credential: 'nope' })] });
    store.getState().setConnectors({ ...EMPTY_CATALOG, status: 'loading' });
    store.getState().validateNow();
    expect(store.getState().problems.filter((p) => /^params\.(connector|version|credential)/.test(p.path))).toEqual([]);
  });
});
