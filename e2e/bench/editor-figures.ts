/**
 * The editor benchmark's headline figures for `npm run bench` (server/bench/summary/figures.ts):
 * load at each size, fitted drag fps, heap, and the editor route's initial JS.
 */
import type { Figure } from '../../server/bench/summary/figures';
import { verdictOf, type startFigures } from '../../server/bench/summary/figures';
import { measure, readManifest } from '../support/route-size';
import type { Row } from './editor.bench';

const EDITOR_PAGE = 'src/features/editor-page/EditorPage.tsx';
const HEAP_TARGET_MB = 250;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** What bounds a miss, from the profile the benchmark took (its top costs). */
function bound(r: Row, phase: string): string {
  const c = r.costs.find((x) => x.phase === phase);
  if (!c) return 'no profile taken';
  const trace = c.trace
    .slice(0, 3)
    .map((t) => `${t.what} ${fmt(t.ms)} ms`)
    .join(', ');
  const js = c.cpu.owners
    .slice(0, 3)
    .map((t) => `${t.what} ${fmt(t.ms)} ms`)
    .join(', ');
  return `profile (${c.files[0] ?? ''}): main thread ${trace}; JS self time ${js}`;
}

export function recordFigures(
  rec: ReturnType<typeof startFigures>,
  rows: Row[],
  target: { loadMs: number; smallLoadMs: number; fittedFps: number },
): void {
  const figures: Figure[] = [];
  for (const r of rows) {
    const t = r.nodes <= 100 ? target.smallLoadMs : target.loadMs;
    const ok = r.load.readyMs < t;
    figures.push({
      figure: `editor load, ${fmt(r.nodes)} nodes (navigation → graph drawn and still)`,
      result: `${fmt(r.load.readyMs)} ms`,
      target: `< ${fmt(t)} ms`,
      verdict: verdictOf(ok),
      ...(ok
        ? {}
        : {
            note: `${bound(r, 'load')}. The reads no longer wait on sign-in or on each other's round trips after the code: public/early-reads.js starts them as index.html is read (the bench prints the timeline of reads and scripts). What is left: (1) the entry's evaluation (~110 → ~530 ms at load 8, the API contracts' zod schemas built at start-up) delays the callback that asks for the latest version (it needs the workflow's number) and the editor chunks, which start only after it; (2) the first render: React Flow draws every node once to measure it (xyflow's getNodesInside keeps a node without handle bounds; at 1,000 nodes all are laid out for the ~25 kept in view). Next: a read of the latest version without its number (all reads at once), modulepreload of the editor chunks in index.html for editor URLs, loaded nodes with their size and handles (initialWidth/initialHeight + handles) so nodes out of view are never drawn, contract schemas built on first use.`,
          }),
    });
  }
  for (const r of rows.filter((x) => x.nodes >= 400)) {
    const ok = r.dragFitted.fps >= target.fittedFps && r.dragFitted.moved;
    figures.push({
      figure: `drag a node, ${fmt(r.nodes)} nodes fitted on screen (zoom ${r.dragFitted.zoom.toFixed(2)})`,
      result: `${r.dragFitted.fps.toFixed(1)} fps${r.dragFitted.moved ? '' : ' (the node did not move)'}`,
      target: `≥ ${target.fittedFps} fps`,
      verdict: verdictOf(ok),
      ...(ok
        ? {}
        : {
            note: `${bound(r, 'fitted-drag')}. Next: per frame, React Flow's store runs one listener per node and minimap node, and the browser hit-tests every node layer; draw the zoomed-out boxes on one canvas element.`,
          }),
    });
  }
  const biggest = rows[rows.length - 1];
  if (biggest) {
    const ok = biggest.heapMb < HEAP_TARGET_MB;
    figures.push({
      figure: `JS heap, ${fmt(biggest.nodes)} nodes open (after GC)`,
      result: `${biggest.heapMb.toFixed(0)} MB`,
      target: `< ${HEAP_TARGET_MB} MB`,
      verdict: verdictOf(ok),
      ...(ok ? {} : { note: 'Next: a heap snapshot of the open editor (retainers of the node objects).' }),
    });
  }
  const js = measure(readManifest(), 'editor', EDITOR_PAGE);
  figures.push({
    figure: 'editor route initial JS (entry + page chunks, static imports)',
    result: `${(js.gzip / 1024).toFixed(0)} KB gzip, ${(js.raw / 1024).toFixed(0)} KB raw`,
    target: '',
    verdict: 'INFO',
    floor: 'before route splitting: one script of 1,817 KB raw, ~532 KB gzip',
  });
  rec.done(figures);
}
