/** Test helpers: a small graph and an undo/redo round trip through a real store. */
import { gatewayParams } from '@autonomic/workflow';
import { expect } from 'vitest';
import { createEditorStore, type EditorStore } from '../store/createEditorStore';
import type { FlowNode, Graph } from '../types';

export function step(id: string, nodeType: string, params: Record<string, unknown> = {}, x = 0): FlowNode {
  const kind = nodeType.startsWith('trigger.') ? 'trigger' : nodeType === 'note' ? 'note' : 'step';
  return { id, type: kind, position: { x, y: 0 }, data: { nodeType, label: id, params } };
}

/**
 * webhook_1 → http_1 → condition_1 (true → block_ip_1)
 */
export function sampleGraph(): Graph {
  return {
    nodes: [
      step('webhook_1', 'trigger.webhook', {}, 0),
      step(
        'http_1',
        'http',
        { method: 'GET', url: 'https://intel.example/{{ event.ip }}', headers: {}, query: {} },
        300,
      ),
      step('condition_1', 'condition', { predicate: 'steps.http_1.output.body.score > 70' }, 600),
      step('block_ip_1', 'connector', gatewayParams('block_ip', { ip: '{{ event.ip }}', reason: 'r', path: '/' }), 900),
    ],
    edges: [
      { id: 'webhook_1:out->http_1', source: 'webhook_1', sourceHandle: 'out', target: 'http_1' },
      { id: 'http_1:out->condition_1', source: 'http_1', sourceHandle: 'out', target: 'condition_1' },
      { id: 'condition_1:true->block_ip_1', source: 'condition_1', sourceHandle: 'true', target: 'block_ip_1' },
    ],
    metadata: { name: 'Contain IP' },
    vars: {},
    tests: [],
  };
}

export function storeOf(graph: Graph = sampleGraph()): EditorStore {
  return createEditorStore(graph);
}

/** The parts of a graph that a command may change, without UI flags. */
export function content(g: Graph) {
  return {
    nodes: g.nodes.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: g.edges.map(({ id, source, sourceHandle, target }) => ({ id, source, sourceHandle, target })),
    metadata: g.metadata,
    vars: g.vars,
    tests: g.tests,
  };
}

/** Runs `act` on the store, then checks that undo restores the graph before and redo the graph after. */
export function expectUndoRedo(store: EditorStore, act: () => void): void {
  const before = content(store.getState().graph());
  act();
  const after = content(store.getState().graph());
  expect(after).not.toEqual(before);
  store.getState().undo();
  expect(content(store.getState().graph())).toEqual(before);
  store.getState().redo();
  expect(content(store.getState().graph())).toEqual(after);
}
