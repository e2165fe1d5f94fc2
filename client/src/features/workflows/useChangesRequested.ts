import { useEffect, useState } from 'react';
import { listReviews } from '../review/api';

/** A review that sent a version back to its author. */
export interface ChangesRequested {
  reviewId: string;
  number: number;
}

/**
 * The caller's review requests answered with "changes requested", by workflow id (the
 * newest per workflow). Only authors ask for reviews, so `enabled` is false for other
 * roles and nothing is fetched; a failure leaves the list without the marks.
 */
export function useChangesRequested(enabled: boolean): ReadonlyMap<string, ChangesRequested> {
  const [byWorkflow, setByWorkflow] = useState<ReadonlyMap<string, ChangesRequested>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    listReviews('requested', 'changes_requested')
      .then(({ reviews }) => {
        const map = new Map<string, ChangesRequested>();
        // Newest first: the first one seen per workflow is its latest.
        for (const r of reviews) {
          if (!map.has(r.workflow.id)) map.set(r.workflow.id, { reviewId: r.id, number: r.version.number });
        }
        if (live) setByWorkflow(map);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return byWorkflow;
}
