/**
 * One thing wrong with a workflow, attached to the node the editor should highlight.
 * Validation returns every problem at once so that an author fixes them in one pass.
 */
export interface Problem {
  /** A step or trigger id, or `"workflow"` for a document-level problem. */
  nodeId: string;
  /** Dotted path inside the node (`params.url`, `transitions.true`), or `""`. */
  path: string;
  message: string;
}

/** The node id of document-level problems. */
export const WORKFLOW_NODE = 'workflow';

/** A path as zod and JSON walkers produce it (`['steps', 'a', 'params', 'url']`). */
export type RawPath = readonly PropertyKey[];

/**
 * Attaches a problem found at a document path to its node: `steps.<id>.rest` goes to
 * `<id>`, `trigger.rest` to the trigger's id, anything else to the workflow itself.
 */
export function problemAt(path: RawPath, message: string, triggerId: string | undefined): Problem {
  const keys = path.map((k) => (typeof k === 'symbol' ? k.toString() : String(k)));
  if (keys[0] === 'steps' && keys.length >= 2) {
    return { nodeId: keys[1] ?? WORKFLOW_NODE, path: keys.slice(2).join('.'), message };
  }
  if (keys[0] === 'trigger' && keys.length >= 2 && triggerId !== undefined) {
    return { nodeId: triggerId, path: keys.slice(1).join('.'), message };
  }
  return { nodeId: WORKFLOW_NODE, path: keys.join('.'), message };
}

/** A plain JSON-like object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The trigger id of a raw document when it has a usable one; problems on the trigger attach to it. */
export function rawTriggerId(raw: unknown): string | undefined {
  if (!isRecord(raw) || !isRecord(raw['trigger'])) return undefined;
  const id = raw['trigger']['id'];
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}
