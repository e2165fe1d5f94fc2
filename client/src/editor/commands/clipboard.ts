/**
 * The clipboard payload: selected nodes and the edges between them, as JSON text with a
 * marker, so that a copy in one workflow (or browser tab) pastes into another.
 */
import { nodeDefinition } from '@autonomic/workflow';
import { isRecord } from '../graph/json';
import type { Graph, NodeData, XY } from '../types';

export const CLIPBOARD_MARKER = 'autonomic/nodes@1';

export interface ClipboardNode {
  id: string;
  position: XY;
  width?: number;
  height?: number;
  data: NodeData;
}

export interface ClipboardPayload {
  marker: typeof CLIPBOARD_MARKER;
  nodes: ClipboardNode[];
  edges: { source: string; sourceHandle: string; target: string }[];
}

/** The payload for these nodes, with only the edges whose both ends are copied. */
export function copyNodes(graph: Graph, ids: readonly string[]): ClipboardPayload | null {
  const chosen = new Set(ids);
  const nodes = graph.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return null;
  return {
    marker: CLIPBOARD_MARKER,
    nodes: nodes.map((n) => ({
      id: n.id,
      position: { ...n.position },
      ...(n.width === undefined ? {} : { width: n.width }),
      ...(n.height === undefined ? {} : { height: n.height }),
      data: structuredClone(n.data),
    })),
    edges: graph.edges
      .filter((e) => chosen.has(e.source) && chosen.has(e.target))
      .map((e) => ({ source: e.source, sourceHandle: e.sourceHandle || 'out', target: e.target })),
  };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

function nodeOf(v: unknown): ClipboardNode | null {
  if (!isRecord(v) || typeof v['id'] !== 'string' || !isRecord(v['position']) || !isRecord(v['data'])) return null;
  const { x, y } = v['position'];
  const data = v['data'];
  const nodeType = data['nodeType'];
  if (typeof x !== 'number' || typeof y !== 'number' || typeof nodeType !== 'string') return null;
  if (nodeType !== 'note' && !nodeDefinition(nodeType)) return null;
  const d: NodeData = { nodeType };
  if (typeof data['label'] === 'string') d.label = data['label'];
  if (isRecord(data['params'])) d.params = data['params'];
  if (isRecord(data['retry'])) d.retry = data['retry'];
  if (typeof data['timeout'] === 'string') d.timeout = data['timeout'];
  if (isRecord(data['inputSchema'])) d.inputSchema = data['inputSchema'];
  if (typeof data['text'] === 'string') d.text = data['text'];
  return { id: v['id'], position: { x, y }, data: d };
}

/** The payload in a clipboard text, or null when the text is something else. */
export function parseClipboard(text: string): ClipboardPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw['marker'] !== CLIPBOARD_MARKER || !Array.isArray(raw['nodes'])) return null;
  const nodes = raw['nodes'].map(nodeOf).filter((n): n is ClipboardNode => n !== null);
  const edges = (Array.isArray(raw['edges']) ? raw['edges'] : []).flatMap((e) =>
    isRecord(e) && typeof e['source'] === 'string' && typeof e['target'] === 'string'
      ? [{ source: e['source'], target: e['target'], sourceHandle: String(e['sourceHandle'] ?? 'out') }]
      : [],
  );
  return nodes.length > 0 ? { marker: CLIPBOARD_MARKER, nodes, edges } : null;
}
