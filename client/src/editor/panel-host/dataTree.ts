/** What the data picker shows: the trigger's event and the example output of every step that can run before a node. */
import { nodeDefinition, type TestCaseInput } from '@autonomic/workflow';
import { actionOf, type ConnectorCatalog } from '../connectors/catalog';
import { isRecord } from '../graph/json';
import { upstreamOf } from '../graph/upstream';
import type { Graph } from '../types';

export interface DataTreeNode {
  /** The key or `[index]` as shown. */
  name: string;
  /** The JSONata path of this value: `steps.check_1.output.data.isp`. */
  path: string;
  /** The example value, for leaves. */
  value?: unknown;
  /** What a leaf without an example is (the event field's declared type). */
  detail?: string;
  children?: DataTreeNode[];
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_DEPTH = 6;
/** Long example arrays show their first items only. */
const MAX_ITEMS = 3;

/** The tree of one example value under `path`. */
export function treeOf(name: string, path: string, value: unknown, depth = 0): DataTreeNode {
  if (depth < MAX_DEPTH && Array.isArray(value)) {
    const children = value.slice(0, MAX_ITEMS).map((v, i) => treeOf(`[${i}]`, `${path}[${i}]`, v, depth + 1));
    return { name, path, children };
  }
  if (depth < MAX_DEPTH && isRecord(value)) {
    const children = Object.entries(value).map(([k, v]) =>
      treeOf(k, `${path}.${IDENT.test(k) ? k : `\`${k.replace(/`/g, '')}\``}`, v, depth + 1),
    );
    return { name, path, children };
  }
  return { name, path, value };
}

/**
 * One tree per upstream step that has an example output: a connector step's action
 * `example` (what simulation answers), another step's catalogue `exampleOutput`.
 */
export function upstreamExamples(graph: Graph, nodeId: string, connectors: ConnectorCatalog): DataTreeNode[] {
  const upstream = upstreamOf(graph.edges, nodeId);
  return graph.nodes
    .filter((n) => n.type === 'step' && upstream.has(n.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .flatMap((n) => {
      const example =
        n.data.nodeType === 'connector'
          ? actionOf(connectors, n.data.params)?.action.example
          : nodeDefinition(n.data.nodeType)?.exampleOutput;
      return example === undefined ? [] : [treeOf(n.data.label || n.id, `steps.${n.id}.output`, example)];
    });
}

const asRecord = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** A declared event field as a tree: nested objects' properties as children, the type as detail. */
function schemaTree(name: string, path: string, schema: Record<string, unknown>, depth: number): DataTreeNode {
  const props = Object.entries(asRecord(schema['properties']));
  if (depth < MAX_DEPTH && props.length > 0) {
    const children = props.map(([k, v]) =>
      schemaTree(k, `${path}.${IDENT.test(k) ? k : `\`${k.replace(/`/g, '')}\``}`, asRecord(v), depth + 1),
    );
    return { name, path, children };
  }
  const type = typeof schema['type'] === 'string' ? schema['type'] : 'any';
  const format = typeof schema['format'] === 'string' ? ` (${schema['format']})` : '';
  return { name, path, detail: type + format };
}

/**
 * The trigger's event as a tree: the first test case's event values when the workflow has
 * one (like a step's example), else the fields its input schema declares. None when
 * neither says anything.
 */
export function eventTree(
  inputSchema: unknown,
  cases: readonly Pick<TestCaseInput, 'event'>[],
): DataTreeNode | undefined {
  const sample = cases.find((s) => isRecord(s.event))?.event;
  if (sample !== undefined) return treeOf('Event', 'event', sample);
  const declared = schemaTree('Event', 'event', asRecord(inputSchema), 0);
  return declared.children ? declared : undefined;
}
