import type { EditorGraph } from '@autonomic/workflow';

const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 140;
/** Three rows of a segment and a gap before the next band. */
const BAND_HEIGHT = 3 * ROW_HEIGHT + 180;

/**
 * A readable layout for a generated chain: the generator places column c at x = 240·c
 * (rows 0–2 below each other), a strip 150,000 px long for 1,000 nodes. This wraps the
 * columns into bands, left to right then down, about as wide as tall, the way a person
 * would arrange a long playbook.
 */
export function wrapIntoBands(graph: EditorGraph): EditorGraph {
  const columnOf = (x: number) => Math.round(x / COLUMN_WIDTH);
  const columns = Math.max(0, ...graph.nodes.map((n) => columnOf(n.position.x))) + 1;
  // k columns per band: k·240 ≈ (columns / k)·BAND_HEIGHT.
  const perBand = Math.max(1, Math.round(Math.sqrt((columns * BAND_HEIGHT) / COLUMN_WIDTH)));
  const nodes = graph.nodes.map((n) => {
    const column = columnOf(n.position.x);
    const row = Math.round(n.position.y / ROW_HEIGHT);
    const band = Math.floor(column / perBand);
    return { ...n, position: { x: (column % perBand) * COLUMN_WIDTH, y: band * BAND_HEIGHT + row * ROW_HEIGHT } };
  });
  return { ...graph, nodes };
}
