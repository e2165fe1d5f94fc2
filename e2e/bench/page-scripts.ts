/**
 * Code that runs in the page. Kept as source text: functions compiled by tsx may carry
 * helper calls (`__name`) that do not exist in the browser.
 */

/** The marker the editor page should expose once a loaded graph is drawn and fitted. */
export const READY_MARKER = '[data-testid="editor-ready"]';

/**
 * Installed before navigation: resolves `window.__editorLoad` with the time (ms since
 * navigation start) the editor was ready. With the marker: when it appears. Without:
 * the start of the first run of 10 frames in which React Flow's rendered node set, their
 * measurement (unmeasured nodes are `visibility: hidden`) and the viewport stay unchanged.
 */
export const LOAD_PROBE = (useMarker: boolean) => `
window.__editorLoad = new Promise((resolve) => {
  const useMarker = ${useMarker};
  let stable = 0, lastKey = '', since = 0, firstNodeMs = null;
  const tick = () => {
    const nodes = document.querySelectorAll('.react-flow__node');
    if (nodes.length > 0 && firstNodeMs === null) firstNodeMs = performance.now();
    if (useMarker) {
      if (document.querySelector('${READY_MARKER}')) {
        resolve({ readyMs: performance.now(), firstNodeMs, rendered: nodes.length });
        return;
      }
    } else {
      const viewport = document.querySelector('.react-flow__viewport');
      let hidden = 0;
      for (const n of nodes) if (n.style.visibility === 'hidden') hidden++;
      const key = nodes.length + '|' + hidden + '|' + (viewport ? viewport.style.transform : '');
      if (nodes.length > 0 && hidden === 0 && key === lastKey) stable++;
      else { stable = nodes.length > 0 && hidden === 0 ? 1 : 0; since = performance.now(); }
      lastKey = key;
      if (stable >= 10) { resolve({ readyMs: since, firstNodeMs, rendered: nodes.length }); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});`;

/** Starts counting animation frames in the page. */
export const START_FRAMES = `
window.__frames = [];
window.__counting = true;
const count = (t) => { if (!window.__counting) return; window.__frames.push(t); requestAnimationFrame(count); };
requestAnimationFrame(count);`;

/** Stops counting; returns the frame timestamps. */
export const STOP_FRAMES = `(() => { window.__counting = false; return window.__frames; })()`;

/** The CSS transform of a node (its position on the canvas). */
export const NODE_TRANSFORM = (id: string) =>
  `(() => document.querySelector('.react-flow__node[data-id="${id}"]')?.style.transform ?? null)()`;
