// @vitest-environment jsdom
import type { PolicyCheckView, PolicyViolationView } from '@autonomic/api';
import { diffWorkflows, type EditorGraph } from '@autonomic/workflow';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { usePolicyCheck } from '../policies/usePolicyCheck';
import { fakeServer, type FakeRequest } from '../runs/fakeServer';
import { DiffView } from '../versions/DiffView';
import { graphOfDocument } from '../versions/graph';
import { copyOfBase, parsedDocument } from '../versions/testing';
import { PublishButton } from './PublishButton';
import { SafetyPolicyChecks } from './SafetyPolicyChecks';

// The canvas needs a layout engine jsdom does not have: the stand-in shows the path it is asked to draw.
vi.mock('../versions/canvas/OverlayCanvas', () => ({
  OverlayCanvas: (p: {
    overlay?: {
      nodes: Record<string, { state: string }>;
      path?: { nodes: readonly string[]; ports: readonly string[] };
    };
  }) => (
    <div
      data-testid="canvas"
      data-path={JSON.stringify(p.overlay?.path ?? null)}
      data-states={JSON.stringify(p.overlay?.nodes ?? {})}
    />
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

/** The page with a diff: the path goes onto the diff's canvas, over its colours. */
function DiffPage() {
  const [selected, setSelected] = useState<string | null>(null);
  const policies = usePolicyCheck(WF, 2, selected);
  const before = parsedDocument(copyOfBase());
  const raw = copyOfBase();
  (raw.steps.block.params['input'] as Record<string, unknown>)['duration'] = '24h';
  const after = parsedDocument(raw);
  const [from, to] = [graphOfDocument(before), graphOfDocument(after)];
  if (!from || !to) throw new Error('the test documents do not draw');
  return (
    <>
      <DiffView
        diff={diffWorkflows(before, after)}
        fromGraph={from}
        toGraph={to}
        selectedNodeId={selected}
        onSelectNode={setSelected}
        path={policies.path}
      />
      <SafetyPolicyChecks
        workflowId={WF}
        number={2}
        state={policies}
        isAdmin={false}
        selectedNodeId={selected}
        onSelectNode={setSelected}
      />
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

  test('when the page shows a diff and the breaking step is selected there then the path is drawn on the diff canvas, over its colours', async () => {
    serve();
    render(<DiffPage />);
    await screen.findByTestId('policy-violation-destructive-guarded-block');
    const path = () => JSON.parse(screen.getByTestId('canvas').dataset['path'] ?? 'null') as unknown;
    expect(path()).toBeNull();

    await userEvent.click(screen.getByTestId('diff-change-block'));

    expect(screen.getAllByTestId('canvas')).toHaveLength(1);
    expect(path()).toEqual({ nodes: ['start', 'enrich', 'check', 'block'], ports: ['out', 'out', 'true'] });
    expect(JSON.parse(screen.getByTestId('canvas').dataset['states'] ?? '{}')).toMatchObject({
      block: { state: 'changed' },
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
