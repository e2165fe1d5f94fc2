import { useMemo, useState, type FocusEvent } from 'react';
import { createFocusedNodeStore, nodeIdOf } from './lod';

/**
 * Follows which node has the keyboard focus on a canvas, for the level of detail: give
 * `store` to `FocusedNodeContext` and the handlers to the canvas element (focus events bubble).
 */
export function useFocusedNodeTracking() {
  const [store] = useState(createFocusedNodeStore);
  const handlers = useMemo(
    () => ({
      onFocus: (e: FocusEvent) => store.setState({ id: nodeIdOf(e.target) }),
      onBlur: (e: FocusEvent) => {
        if (nodeIdOf(e.relatedTarget) === null) store.setState({ id: null });
      },
    }),
    [store],
  );
  return { store, handlers };
}
