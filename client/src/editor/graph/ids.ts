/** Readable node ids (`http_2`, `block_ip_1`) that stay valid JSONata path segments. */
const NODE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The readable stem of a node type: `trigger.webhook` → `webhook`, `foo-bar` → `foo_bar`. */
export function idBase(nodeType: string): string {
  const last = nodeType.split('.').pop() ?? nodeType;
  const base = last.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 50);
  return /^[A-Za-z_]/.test(base) ? base : `n_${base}`;
}

/**
 * The first `<base>_<n>` (n ≥ 1) not in `taken`; adds it to `taken` so that a caller
 * allocating several ids in a row never gets the same one twice.
 */
export function freshId(taken: Set<string>, base: string): string {
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function isNodeId(id: string): boolean {
  return NODE_ID.test(id);
}

/** Ids in use in a node list. */
export function idsOf(nodes: readonly { id: string }[]): Set<string> {
  return new Set(nodes.map((n) => n.id));
}
