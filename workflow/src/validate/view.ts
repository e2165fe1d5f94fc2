import type { WorkflowDocument } from '../document';
import { nodeDefinition, type NodeDefinition } from '../nodes';
import { isRecord } from '../problem';

/**
 * A node as the semantic checks see it. The view is built from the parsed document
 * when zod accepts it, and leniently from the raw value otherwise, so that wiring
 * problems are reported together with schema problems, not one round later.
 */
export interface NodeView {
  id: string;
  type: string;
  /** Undefined for an unknown type, or a step type used as the trigger (and vice versa). */
  def: NodeDefinition | undefined;
  /** Parsed params (defaults applied) when `valid`; as written otherwise. */
  params: unknown;
  valid: boolean;
  /** Port → targets, string targets only. */
  transitions: Record<string, string[]>;
}

export interface DocumentView {
  trigger: NodeView | undefined;
  /** Steps in id order, so that problems come out in the same order for the same document. */
  steps: Map<string, NodeView>;
  /** The exception handler's `continueAt`, when the document names one. */
  onFailure?: unknown;
}

function byId<T>(entries: Array<[string, T]>): Map<string, T> {
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function viewOfDocument(doc: WorkflowDocument): DocumentView {
  const node = (id: string, n: { type: string; params: unknown; transitions: Record<string, string[]> }) => ({
    id,
    type: n.type,
    def: nodeDefinition(n.type),
    params: n.params,
    valid: true,
    transitions: n.transitions,
  });
  return {
    trigger: node(doc.trigger.id, doc.trigger),
    steps: byId(Object.entries(doc.steps).map(([id, s]) => [id, node(id, s)])),
    ...(doc.onFailure ? { onFailure: doc.onFailure.continueAt } : {}),
  };
}

function rawTransitions(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([port, targets]) => [
      port,
      Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [],
    ]),
  );
}

function rawNode(id: string, value: unknown, trigger: boolean): NodeView | undefined {
  if (!isRecord(value)) return undefined;
  const type = typeof value['type'] === 'string' ? value['type'] : '';
  const found = nodeDefinition(type);
  const def = found && (found.category === 'trigger') === trigger ? found : undefined;
  const parsed = def?.params.safeParse(value['params']);
  return {
    id,
    type,
    def,
    params: parsed?.success ? parsed.data : value['params'],
    valid: parsed?.success ?? false,
    transitions: rawTransitions(value['transitions']),
  };
}

/** The view of a document zod refused: whatever parts are usable. */
export function viewOfRaw(raw: unknown): DocumentView {
  const doc = isRecord(raw) ? raw : {};
  const t = doc['trigger'];
  const triggerId = isRecord(t) && typeof t['id'] === 'string' ? t['id'] : undefined;
  const steps = isRecord(doc['steps']) ? Object.entries(doc['steps']) : [];
  const views = steps.flatMap(([id, s]): Array<[string, NodeView]> => {
    const v = rawNode(id, s, false);
    return v ? [[id, v]] : [];
  });
  const onFailure = doc['onFailure'];
  return {
    trigger: triggerId === undefined ? undefined : rawNode(triggerId, t, true),
    steps: byId(views),
    ...(isRecord(onFailure) ? { onFailure: onFailure['continueAt'] } : {}),
  };
}
