/** Between the saved document and the canvas graph. */
import {
  documentToGraph,
  CaseExpectation,
  Severity,
  TestCase,
  migrateToLatest,
  WorkflowDocument,
  type EditorGraph,
  type EditorNode,
  type MetadataInput,
  type TestCaseInput,
} from '@autonomic/workflow';
import type { FlowNode, Graph, NodeData } from '../types';
import { isRecord } from './json';
import { canvasKindOf } from './ports';

function dataOf(node: EditorNode): NodeData {
  const d = node.data;
  return {
    nodeType: d.nodeType,
    ...(d.label === undefined ? {} : { label: d.label }),
    ...(d.nodeType === 'note' ? {} : { params: isRecord(d.params) ? d.params : {} }),
    ...(isRecord(d.retry) ? { retry: d.retry } : {}),
    ...(d.timeout === undefined ? {} : { timeout: d.timeout }),
    ...(isRecord(d.inputSchema) ? { inputSchema: d.inputSchema } : {}),
    ...(d.text === undefined ? {} : { text: d.text }),
  };
}

/** A workflow graph (as `documentToGraph` gives it) in the canvas's shapes. */
export function fromEditorGraph(g: EditorGraph): Graph {
  const nodes = g.nodes.map((n): FlowNode => ({
    id: n.id,
    type: canvasKindOf(n.data.nodeType),
    position: { ...n.position },
    ...(n.width === undefined ? {} : { width: n.width }),
    ...(n.height === undefined ? {} : { height: n.height }),
    data: dataOf(n),
  }));
  const edges = g.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle ?? 'out',
  }));
  return {
    nodes,
    edges,
    metadata: g.metadata,
    vars: g.vars ?? {},
    tests: g.tests ?? [],
    onFailure: g.onFailure ?? null,
  };
}

/** What `compileGraph` reads. */
export function toEditorGraph(g: Graph): EditorGraph {
  const { nodes, edges, metadata, vars, tests, onFailure } = g;
  return { nodes, edges, metadata, vars, tests, ...(onFailure ? { onFailure } : {}) };
}

const obj = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function transitionsOf(v: unknown): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(obj(v)).map(([port, to]) => [
      port,
      Array.isArray(to) ? to.filter((t) => typeof t === 'string') : [],
    ]),
  );
}

function metadataOf(m: Record<string, unknown>): MetadataInput {
  const severity = Severity.safeParse(m['severity']);
  const minutes = m['manualBaselineMinutes'];
  return {
    name: str(m['name']) ?? '',
    ...(str(m['description']) === undefined ? {} : { description: str(m['description']) }),
    tags: Array.isArray(m['tags']) ? m['tags'].filter((t) => typeof t === 'string') : [],
    ...(severity.success ? { severity: severity.data } : {}),
    ...(str(m['category']) === undefined ? {} : { category: str(m['category']) }),
    ...(str(m['owner']) === undefined ? {} : { owner: str(m['owner']) }),
    ...(typeof minutes === 'number' ? { manualBaselineMinutes: minutes } : {}),
  };
}

/**
 * A stored draft's case, kept even when the schema refuses it (an unnamed case, a fixture
 * half written): the name and event as written, and the parts that parse.
 */
function draftCase(raw: Record<string, unknown>): TestCaseInput {
  const whole = TestCase.safeParse(raw);
  if (whole.success) return whole.data;
  const expect = CaseExpectation.safeParse(raw['expect']);
  return {
    name: str(raw['name']) ?? '',
    event: TestCase.shape.event.catch({}).parse(raw['event']),
    ...(isRecord(raw['fixtures']) ? { fixtures: TestCase.shape.fixtures.catch({}).parse(raw['fixtures']) } : {}),
    ...(isRecord(raw['approvals']) ? { approvals: TestCase.shape.approvals.catch({}).parse(raw['approvals']) } : {}),
    expect: expect.success ? expect.data : {},
  };
}

/**
 * A stored draft the schema does not accept yet (an empty URL, a missing field) read as
 * leniently as possible, so that its author can open and finish it.
 */
function draftToEditorGraph(raw: Record<string, unknown>): EditorGraph {
  const trigger = obj(raw['trigger']);
  const ui = obj(raw['ui']);
  const positions = obj(ui['positions']);
  const at = (id: string) => {
    const p = obj(positions[id]);
    return { x: typeof p['x'] === 'number' ? p['x'] : 0, y: typeof p['y'] === 'number' ? p['y'] : 0 };
  };
  const body = (id: string, v: Record<string, unknown>): EditorNode => ({
    id,
    type: str(v['type']) ?? '',
    position: at(id),
    data: {
      nodeType: str(v['type']) ?? '',
      ...(str(v['label']) === undefined ? {} : { label: str(v['label']) }),
      params: obj(v['params']),
      ...(v['retry'] === undefined ? {} : { retry: v['retry'] }),
      ...(str(v['timeout']) === undefined ? {} : { timeout: str(v['timeout']) }),
      ...(v['inputSchema'] === undefined ? {} : { inputSchema: v['inputSchema'] }),
    },
  });
  const wired: Array<[string, Record<string, unknown>]> = [];
  const triggerId = str(trigger['id']);
  if (triggerId) wired.push([triggerId, trigger]);
  for (const [id, step] of Object.entries(obj(raw['steps']))) wired.push([id, obj(step)]);
  const notes = Array.isArray(ui['notes']) ? ui['notes'].filter(isRecord) : [];
  return {
    nodes: [
      ...wired.map(([id, v]) => body(id, v)),
      ...notes.map((n, i) => ({
        id: str(n['id']) ?? `note_${i + 1}`,
        type: 'note',
        position: { x: Number(n['x']) || 0, y: Number(n['y']) || 0 },
        data: { nodeType: 'note', text: str(n['text']) ?? '' },
      })),
    ],
    edges: wired.flatMap(([from, v]) =>
      Object.entries(transitionsOf(v['transitions'])).flatMap(([port, targets]) =>
        targets.map((to) => ({ id: `${from}:${port}->${to}`, source: from, target: to, sourceHandle: port })),
      ),
    ),
    metadata: metadataOf(obj(raw['metadata'])),
    vars: obj(raw['vars']),
    tests: (Array.isArray(raw['tests']) ? raw['tests'] : []).filter(isRecord).map(draftCase),
    ...onFailureOf(raw['onFailure']),
  };
}

/** A draft's exception handler, when it names a step by a string. */
function onFailureOf(v: unknown): { onFailure?: { continueAt: string } } {
  const at = str(obj(v)['continueAt']);
  return at === undefined ? {} : { onFailure: { continueAt: at } };
}

/**
 * A stored version's document on the canvas, whether it parses or is an unfinished draft.
 * Migrated and parsed only: its problems come from live validation once the canvas is
 * drawn (the full check here cost a second compile before the first paint of big graphs).
 */
export function documentToFlowGraph(raw: unknown): Graph {
  const migrated = migrateToLatest(raw);
  const parsed = migrated.ok ? WorkflowDocument.safeParse(migrated.value) : null;
  if (parsed?.success) return fromEditorGraph(documentToGraph(parsed.data));
  return fromEditorGraph(draftToEditorGraph(obj(raw)));
}
