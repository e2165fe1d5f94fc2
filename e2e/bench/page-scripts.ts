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

/**
 * Drives a drag already started (a real mouse down on node `id`): one mouse move per
 * animation frame for `ms`, circling near (cx, cy), the way Chromium delivers a moving
 * mouse (moves are coalesced to one per frame). Resolves with [timestamp, the node was
 * drawn somewhere else in this frame] per frame. Moves are dispatched in the page so that
 * the driver's round trips do not limit their rate. React Flow drags with d3-drag, which
 * listens to `mousemove` on the window after the mouse down.
 */
export const DRIVE_DRAG = (id: string, cx: number, cy: number, ms: number) => `
new Promise((resolve) => {
  const node = () => document.querySelector('.react-flow__node[data-id="${id}"]');
  let last = node()?.style.transform ?? '';
  const frames = [];
  let i = 0, t0 = null;
  const step = (t) => {
    if (t0 === null) t0 = t;
    const now = node()?.style.transform ?? '';
    frames.push([t, now !== last]);
    last = now;
    if (t - t0 >= ${ms}) { resolve(frames); return; }
    const a = (i++ / 20) * Math.PI;
    const x = ${cx} + 60 + 60 * Math.cos(a), y = ${cy} + 40 * Math.sin(a);
    document.dispatchEvent(new MouseEvent('mousemove', {
      clientX: x, clientY: y, screenX: x, screenY: y, buttons: 1, bubbles: true, cancelable: true, view: window,
    }));
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

/** The CSS transform of a node (its position on the canvas). */
export const NODE_TRANSFORM = (id: string) =>
  `(() => document.querySelector('.react-flow__node[data-id="${id}"]')?.style.transform ?? null)()`;

/** The canvas zoom (the viewport's scale). */
export const VIEWPORT_SCALE = `(() => {
  const t = document.querySelector('.react-flow__viewport')?.style.transform ?? '';
  const m = /scale\\(([0-9.]+)\\)/.exec(t);
  return m ? Number(m[1]) : NaN;
})()`;

/** Adds a style sheet to the page as soon as it has a head. */
export const STYLE_SHEET = (css: string) => `
document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = ${JSON.stringify(css)};
  document.head.appendChild(style);
});`;
