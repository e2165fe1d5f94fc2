// @vitest-environment jsdom
import type { SafetyPolicyView } from '@autonomic/api';
import { DEFAULT_POLICIES } from '@autonomic/workflow';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../features/runs/fakeServer';
import { useEditorPolicies } from '../../features/policies/useEditorPolicies';
import { NodeBody } from '../canvas/NodeBody';
import { decoratedEdges, withViolationPath } from '../canvas/overlay';
import { addNode, moveNodes } from '../commands';
import { sampleGraph } from '../commands/testing';
import { EditorProvider, useEditor } from '../store/context';
import { createEditorStore, type EditorStore } from '../store/createEditorStore';
import { shownViolation } from '../store/policies';
import { ProblemsList } from './ProblemsList';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const views: SafetyPolicyView[] = DEFAULT_POLICIES.map((p) => ({
  ...p,
  builtIn: true,
  updatedAt: '2026-12-06T09:00:00.000Z',
  updatedBy: null,
}));

/** The page's wiring: the policies loaded once, the problems list, and block_ip_1 as the canvas draws it. */
function Editor({ store }: { store: EditorStore }) {
  useEditorPolicies(store, null);
  const data = useEditor((s) => s.nodes.find((n) => n.id === 'block_ip_1')?.data);
  return (
    <>
      <ProblemsList />
      {data && <NodeBody id="block_ip_1" data={data} trigger={false} isConnectable={false} />}
    </>
  );
}

/** webhook_1 → http_1 → condition_1 (true → block_ip_1): a destructive step no approval guards, its error port open. */
function renderEditor() {
  const { requests } = fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/safety-policies') return { policies: views };
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
  const store = createEditorStore(sampleGraph());
  render(
    <EditorProvider store={store} validate={false}>
      <Editor store={store} />
    </EditorProvider>,
  );
  return { store, requests };
}

/** The edge ids the canvas would draw with the path class, given the store's state now. */
function pathEdgesDrawn(store: EditorStore): string[] {
  const s = store.getState();
  const overlay = withViolationPath(undefined, shownViolation(s));
  return decoratedEdges(s.edges, overlay, new Set(s.nodes.map((n) => n.id)))
    .filter((e) => e.className?.split(' ').includes('edge-policy-path'))
    .map((e) => e.id);
}

describe('safety policies in the editor', () => {
  it('when the draft breaks a policy then it is listed under Safety policies by name and message, and the node carries a marker', async () => {
    const { requests } = renderEditor();
    const row = await screen.findByTestId('policy-violation-destructive-guarded-block_ip_1');
    expect(row.textContent).toContain('Destructive actions are approved or auto-OK · block_ip_1 (block_ip_1)');
    expect(row.textContent).toMatch(/approval/);
    const list = screen.getByTestId('policy-violations');
    expect(within(list).getByTestId('policy-violation-destructive-error-handled-block_ip_1')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Safety policies/ }).textContent).toContain('2');
    expect(screen.getByTestId('policy-marker-block_ip_1').textContent).toContain('2 safety policies broken');
    expect(requests.map((r) => r.url)).toEqual(['/safety-policies']);
  });

  it('when a violation is clicked then its step is selected and exactly the edges of its path are drawn as the path', async () => {
    const { store } = renderEditor();
    expect(pathEdgesDrawn(store)).toEqual([]);

    await userEvent.click(await screen.findByTestId('policy-violation-destructive-guarded-block_ip_1'));

    expect(store.getState().selection.nodes).toEqual(['block_ip_1']);
    expect(shownViolation(store.getState())?.path).toEqual(['webhook_1', 'http_1', 'condition_1', 'block_ip_1']);
    expect(pathEdgesDrawn(store)).toEqual([
      'webhook_1:out->http_1',
      'http_1:out->condition_1',
      'condition_1:true->block_ip_1',
    ]);
  });

  it('when another step is selected then no path is drawn, and selecting the offending step draws it again', async () => {
    const { store } = renderEditor();
    await userEvent.click(await screen.findByTestId('policy-violation-destructive-guarded-block_ip_1'));
    act(() => store.getState().select({ nodes: ['http_1'] }));
    expect(pathEdgesDrawn(store)).toEqual([]);
    act(() => store.getState().select({ nodes: ['block_ip_1'] }));
    expect(pathEdgesDrawn(store)).toHaveLength(3);
  });

  it('when an approval is put before the destructive step then the violation and its marker go', async () => {
    const { store } = renderEditor();
    await screen.findByTestId('policy-violation-destructive-guarded-block_ip_1');
    act(() => {
      const g = addNode(store.getState().graph(), {
        nodeType: 'approval',
        position: { x: 750, y: 0 },
        id: 'approval_1',
      });
      store.getState().load({
        ...g,
        edges: [
          ...g.edges.filter((e) => e.id !== 'condition_1:true->block_ip_1'),
          { id: 'condition_1:true->approval_1', source: 'condition_1', sourceHandle: 'true', target: 'approval_1' },
          {
            id: 'approval_1:approved->block_ip_1',
            source: 'approval_1',
            sourceHandle: 'approved',
            target: 'block_ip_1',
          },
        ],
      });
      store.getState().validateNow();
    });
    expect(screen.queryByTestId('policy-violation-destructive-guarded-block_ip_1')).toBeNull();
    expect(screen.getByTestId('policy-violation-destructive-error-handled-block_ip_1')).toBeTruthy();
    expect(screen.getByTestId('policy-marker-block_ip_1').textContent).toContain('1 safety policy broken');
  });

  it('when only a node moves then the policies are not evaluated again (the same result is kept)', async () => {
    const { store } = renderEditor();
    await screen.findByTestId('policy-violation-destructive-guarded-block_ip_1');
    const before = store.getState().violations;
    act(() => {
      store.getState().run(moveNodes, { positions: { http_1: { x: 333, y: 40 } } });
      store.getState().validateNow();
    });
    expect(store.getState().violations).toBe(before);
  });
});
