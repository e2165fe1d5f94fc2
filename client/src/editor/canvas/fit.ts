/**
 * How far "Fit" may zoom. A small graph is fitted no further out than a zoom at which its
 * text stays readable (five nodes laid out in a row on a 640 px canvas fitted at ~0.4,
 * where labels are unreadable): what does not fit is a pan away. A big graph may zoom out
 * to an overview. Never past 100 % in.
 */

/** Up to this many nodes, a graph is small. */
export const SMALL_GRAPH_NODES = 30;
/** The lowest zoom at which node titles (0.9 rem) stay readable. */
export const READABLE_ZOOM = 0.6;

export interface FitOptions {
  duration?: number;
  maxZoom: number;
  minZoom?: number;
}

/** The options for `fitView` on a graph of `nodeCount` nodes. */
export function fitOptions(nodeCount: number, duration?: number): FitOptions {
  return {
    maxZoom: 1,
    ...(nodeCount <= SMALL_GRAPH_NODES ? { minZoom: READABLE_ZOOM } : {}),
    ...(duration === undefined ? {} : { duration }),
  };
}
