/** What is type-specific on the client: the glyph and the key params shown on the node. */
export interface ClientNodeType {
  /** The catalogue type (`NODE_TYPES` in workflow/). */
  type: string;
  /** SVG path data on a 24×24 grid, drawn stroked. */
  icon: readonly string[];
  /** A few short lines for the node body (the method and URL, the predicate …). */
  summary(params: Record<string, unknown>): string[];
}
