// @vitest-environment jsdom
import type { PolicyCheckView, PolicyViolationView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { usePolicyCheck } from '../policies/usePolicyCheck';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';
import { PublishButton } from './PublishButton';
import { SafetyPolicyChecks } from './SafetyPolicyChecks';

// The canvas needs a layout engine jsdom does not have: the stand-in shows the path it is asked to draw.
vi.mock('../versions/canvas/OverlayCanvas', () => ({
  OverlayCanvas: (p: { overlay?: { path?: { nodes: readonly string[]; ports: readonly string[] } } }) => (
    <div data-testid="canvas" data-path={JSON.stringify(p.overlay?.path ?? null)} />
  ),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const WF = '0190a000-0000-7000-8000-0000000000f1';
const ROOT = { id: '0190a000-0000-7000-8000-00000000ad01', username: 'root' };
const CHECK_URL = `/workflows/${WF}/versions/2/policy-check`;

const unguarded: PolicyViolationView = {
  policyId: 'destructive-guarded',
  policyName: 'Destructive actions are approved or auto-OK',
  nodeId: 'block',
  message:
    'Block IP (block) is destructive and a path from the trigger reaches it without an approval or an auto-OK check',
  path: ['start', 'enrich', 'check', 'block'],
  ports: ['out', 'out', 'true'],
  waiver: null,
};
const blocked: PolicyCheckView = { contentHash: 'a'.repeat(64), violations: [unguarded], blocking: true };
const waived = (reason: string): PolicyCheckView => ({
  ...blocked,
  violations: [
    {
      ...unguarded,
      waiver: {
        id: '0190a000-0000-7000-8000-0000000000a1',
        reason,
        waivedBy: ROOT,
        waivedAt: '2026-12-06T10:30:00.000Z',
      },
    },
  ],
  blocking: false,
});

/** The server: the check answers `blocked` until a waiver is posted, then the waived check. */
function serve() {
  let check = blocked;
  return fakeServer((req: FakeRequest) => {
    if (req.method === 'GET' && req.url === CHECK_URL) return check;
    if (req.method === 'POST' && req.url === `/workflows/${WF}/versions/2/policy-waivers`) {
      check = waived((req.body as { reason: string }).reason);
      return check;
    }
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
}

const graph: EditorGraph = { nodes: [], edges: [], metadata: { name: 'Containment' }, vars: {}, tests: [] };

/** What the review page wires: the check, the section (drawing its own canvas: a first version) and publish. */
function Page({ isAdmin }: { isAdmin: boolean }) {
  const [selected, setSelected] = useState<string | null>(null);
  const policies = usePolicyCheck(WF, 2, selected);
  return (
    <>
      <SafetyPolicyChecks
        workflowId={WF}
        number={2}
        state={policies}
        isAdmin={isAdmin}
        selectedNodeId={selected}
        onSelectNode={setSelected}
        graph={graph}
      />
      <PublishButton workflowId={WF} number={2} onPublished={() => undefined} blockedBy={policies.blockedBy} />
    </>
  );
}

describe('safety policies on the review page', () => {
  test('when the version breaks a policy then it is listed with its step, a banner says publishing is blocked and publish is disabled saying why', async () => {
    serve();
    render(<Page isAdmin={false} />);
    const row = await screen.findByTestId('policy-violation-destructive-guarded-block');
    expect(row.textContent).toContain('Step block: Block IP (block) is destructive');
    expect(within(screen.getByTestId('policy-check-destructive-guarded')).getByRole('heading').textContent).toBe(
      'Destructive actions are approved or auto-OK',
    );
    expect(screen.getByTestId('policy-blocked').textContent).toBe(
      'Publishing is blocked by 1 safety policy: Destructive actions are approved or auto-OK (block).',
    );
    expect(screen.getByTestId<HTMLButtonElement>('publish-version').disabled).toBe(true);
    expect(screen.getByTestId('publish-blocked').textContent).toContain('blocked by 1 safety policy');
    // Only an admin waives.
    expect(screen.queryByTestId('waive-destructive-guarded')).toBeNull();
  });

  test('when Show path is pressed then the canvas is asked to draw the offending path with its ports', async () => {
    serve();
    render(<Page isAdmin={false} />);
    await userEvent.click(await screen.findByTestId('show-path-destructive-guarded-block'));
    expect(JSON.parse(screen.getByTestId('canvas').dataset['path'] ?? 'null')).toEqual({
      nodes: ['start', 'enrich', 'check', 'block'],
      ports: ['out', 'out', 'true'],
    });
  });

  test('when an admin waives with a reason then the reason is posted, the waiver is shown and publishing is no longer blocked', async () => {
    const { requests } = serve();
    render(<Page isAdmin />);
    await userEvent.click(await screen.findByTestId('waive-destructive-guarded'));
    const submit = screen.getByTestId<HTMLButtonElement>('waive-submit-destructive-guarded');
    // No reason, no waiver.
    expect(submit.disabled).toBe(true);
    await userEvent.type(
      screen.getByTestId('waive-reason-destructive-guarded'),
      'lab network, nothing real is blocked',
    );
    await userEvent.click(submit);

    const waiver = await screen.findByTestId('waiver-destructive-guarded');
    expect(waiver.textContent).toMatch(/Waived for this version by root on .*: “lab network, nothing real is blocked”/);
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { policyId: 'destructive-guarded', reason: 'lab network, nothing real is blocked' },
    ]);
    await waitFor(() => expect(screen.queryByTestId('policy-blocked')).toBeNull());
    expect(screen.getByTestId<HTMLButtonElement>('publish-version').disabled).toBe(false);
    expect(screen.queryByTestId('publish-blocked')).toBeNull();
  });
});
