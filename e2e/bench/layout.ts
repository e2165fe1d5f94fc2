import type { EditorGraph } from '@autonomic/workflow';

/** Columns per band: a 1,000-node chain becomes ~10 bands instead of one 60,000 px strip. */
const COLUMNS_PER_BAND = 25;
const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 140;
const BAND_HEIGHT = 3 * ROW_HEIGHT + 180;

/**
 * A readable layout for a generated chain: the generator places column c at x = 240·c
 * (rows 0–2 below each other); this wraps the columns into bands, left to right then
 * down, like a person would arrange a long playbook.
 */
export function wrapIntoBands(graph: EditorGraph): EditorGraph {
  const nodes = graph.nodes.map((n) => {
    const column = Math.round(n.position.x / COLUMN_WIDTH);
    const row = Math.round(n.position.y / ROW_HEIGHT);
    const band = Math.floor(column / COLUMNS_PER_BAND);
    return {
      ...n,
      position: { x: (column % COLUMNS_PER_BAND) * COLUMN_WIDTH, y: band * BAND_HEIGHT + row * ROW_HEIGHT },
    };
  });
  return { ...graph, nodes };
}
