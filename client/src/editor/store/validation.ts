/**
 * Live validation: the compiler runs after every change, debounced; on big graphs it
 * waits for an idle moment so that it never competes with a drag (≈25 ms at 1,000 nodes).
 */
import type { EditorStore } from './createEditorStore';

export const VALIDATION_DEBOUNCE_MS = 150;
/** From this many nodes, validation waits for the browser to be idle. */
export const IDLE_FROM_NODES = 300;

export function startLiveValidation(store: EditorStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    timer = undefined;
    idle = undefined;
  };
  const schedule = () => {
    cancel();
    timer = setTimeout(() => {
      timer = undefined;
      const big = store.getState().nodes.length >= IDLE_FROM_NODES;
      if (big && typeof requestIdleCallback === 'function') {
        idle = requestIdleCallback(
          () => {
            idle = undefined;
            store.getState().validateNow();
          },
          { timeout: 1_000 },
        );
      } else store.getState().validateNow();
    }, VALIDATION_DEBOUNCE_MS);
  };
  // The first run waits too, so that opening a big graph paints before it compiles.
  schedule();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.revision !== prev.revision || s.validationWanted !== prev.validationWanted) schedule();
  });
  return () => {
    cancel();
    unsubscribe();
  };
}
