import type { CommentThread } from '@autonomic/api';
import { useEffect, useMemo, useState } from 'react';
import type { CanvasOverlay } from '../../editor';

/** The id of a node's comment threads on the page (where a marker scrolls to). */
export const threadsAnchor = (nodeId: string) => `comments-${nodeId.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** "3 comments", "2 comments, 1 resolved", "1 comment, resolved". */
export function markerLabel(count: number, resolved: number): string {
  const comments = `${count} comment${count === 1 ? '' : 's'}`;
  if (resolved === 0) return comments;
  return resolved === count && count === 1 ? `${comments}, resolved` : `${comments}, ${resolved} resolved`;
}

/**
 * A marker on every node with comment threads (their count; muted when all are resolved);
 * pressing one selects the node and, once its threads are drawn, scrolls to them and
 * moves the focus there.
 */
export function useCommentMarkers(
  threads: readonly CommentThread[],
  select: (nodeId: string) => void,
): CanvasOverlay['markers'] {
  const [opening, setOpening] = useState<string | null>(null);
  const markers = useMemo(() => {
    const byNode = new Map<string, { count: number; resolved: number }>();
    for (const t of threads) {
      if (!t.nodeId) continue;
      const n = byNode.get(t.nodeId) ?? { count: 0, resolved: 0 };
      byNode.set(t.nodeId, { count: n.count + 1, resolved: n.resolved + (t.resolvedAt ? 1 : 0) });
    }
    const out: NonNullable<CanvasOverlay['markers']> = {};
    for (const [nodeId, { count, resolved }] of byNode) {
      out[nodeId] = {
        text: String(count),
        label: markerLabel(count, resolved),
        muted: resolved === count,
        onActivate: () => {
          select(nodeId);
          setOpening(nodeId);
        },
      };
    }
    return out;
  }, [threads, select]);

  // The threads appear after the selection renders: wait for them, then bring them into view.
  useEffect(() => {
    if (!opening) return;
    const el = document.getElementById(threadsAnchor(opening));
    if (!el) return;
    el.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    el.focus();
    setOpening(null);
  });
  return markers;
}
