import { describe, expect, it } from 'vitest';
import { addNote } from '../commands';
import { sampleGraph, storeOf } from '../commands/testing';
import { createEditorStore } from './createEditorStore';
import { HISTORY_LIMIT } from './history';

describe('editor store', () => {
  it('when two stores are created then changing one leaves the other alone', () => {
    const a = storeOf();
    const b = storeOf();
    a.getState().addNodeAt('approval', { x: 0, y: 0 });
    expect(a.getState().nodes).toHaveLength(5);
    expect(b.getState().nodes).toHaveLength(4);
    expect(b.getState().past).toHaveLength(0);
  });

  it('when read-only then commands, undo and moves change nothing', () => {
    const store = createEditorStore({ ...sampleGraph(), readOnly: true });
    expect(store.getState().run(addNote, { position: { x: 0, y: 0 } })).toBe(false);
    store.getState().onNodesChange([{ type: 'position', id: 'http_1', position: { x: 1, y: 1 } }]);
    expect(store.getState().nodes[1]?.position).toEqual({ x: 300, y: 0 });
    expect(store.getState().revision).toBe(0);
  });

  it('when nodes are selected through React Flow changes then the selection follows, without history', () => {
    const store = storeOf();
    store.getState().onNodesChange([
      { type: 'select', id: 'http_1', selected: true },
      { type: 'select', id: 'condition_1', selected: true },
    ]);
    expect(store.getState().selection.nodes).toEqual(['http_1', 'condition_1']);
    expect(store.getState().past).toHaveLength(0);
  });

  it('when the selection does not change then the selection object is the same (selectors stay quiet)', () => {
    const store = storeOf();
    store.getState().select({ nodes: ['http_1'] });
    const before = store.getState().selection;
    store.getState().onNodesChange([{ type: 'dimensions', id: 'http_1', dimensions: { width: 240, height: 90 } }]);
    expect(store.getState().selection).toBe(before);
  });

  it('when React Flow asks to remove a node then nothing happens (deletes go through the undoable command)', () => {
    const store = storeOf();
    store.getState().onNodesChange([{ type: 'remove', id: 'http_1' }]);
    expect(store.getState().nodes).toHaveLength(4);
  });

  it('when validated then problems are grouped by node for the badges', () => {
    const store = storeOf();
    store.getState().addNodeAt('approval', { x: 0, y: 0 });
    const problems = store.getState().validateNow();
    expect(problems.some((p) => p.nodeId === 'approval_1')).toBe(true);
    expect(store.getState().problemsByNode.get('approval_1')?.length).toBeGreaterThan(0);
    expect(store.getState().problemsByNode.get('webhook_1')).toBeUndefined();
  });

  it('when an http step writes without a declared target beside a destructive step then validation keeps a warning apart from the problems', () => {
    const graph = sampleGraph();
    const http = graph.nodes.find((n) => n.id === 'http_1');
    if (http) http.data.params = { ...http.data.params, method: 'POST' };
    const store = createEditorStore(graph);

    const problems = store.getState().validateNow();

    expect(problems.some((p) => p.nodeId === 'http_1')).toBe(false);
    expect(store.getState().warnings).toEqual([
      expect.objectContaining({
        nodeId: 'http_1',
        path: 'params.target',
        message: expect.stringContaining('no declared target'),
      }),
    ]);
    // The same graph with the GET it had: nothing to warn about.
    const plain = storeOf();
    plain.getState().validateNow();
    expect(plain.getState().warnings).toEqual([]);
  });

  it('when changed and then saved then it is dirty until marked saved', () => {
    const store = storeOf();
    const dirty = () => store.getState().revision !== store.getState().savedRevision;
    expect(dirty()).toBe(false);
    store.getState().addNodeAt('approval', { x: 0, y: 0 });
    expect(dirty()).toBe(true);
    store.getState().markSaved();
    expect(dirty()).toBe(false);
  });

  it('when a new change follows an undo then the redo stack is dropped', () => {
    const store = storeOf();
    store.getState().addNodeAt('approval', { x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().addNodeAt('delay', { x: 0, y: 0 });
    expect(store.getState().future).toHaveLength(0);
  });

  it('when more changes than the limit are made then only the newest are kept', () => {
    const store = storeOf();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.getState().run(addNote, { position: { x: i, y: 0 } });
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it('when a graph is loaded then history and selection start afresh', () => {
    const store = storeOf();
    store.getState().addNodeAt('approval', { x: 0, y: 0 });
    store.getState().load(sampleGraph());
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().selection.nodes).toEqual([]);
  });
});
