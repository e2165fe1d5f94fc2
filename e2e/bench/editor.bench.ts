/**
 * `npm run bench:editor`: how fast the editor opens a big workflow and how smoothly a node
 * drags in it, in headless Chromium against the real server.
 *
 * For 100 / 400 / 1,000 generated nodes (a valid chain from `generateChainGraph`, wrapped
 * into bands): load = navigation start → the graph drawn and fitted (median of
 * BENCH_RUNS page loads, assets cached); drag fps = frames per second in which a dragged
 * node was drawn at a new position, over 2 s of one mouse move per frame, at the fitted
 * zoom and again at 100 % (few nodes drawn: tells drawing costs from per-graph costs), and
 * fitted (the toolbar's Fit: every node on screen, drawn as plain boxes below the level-of-
 * detail zoom). Heap = JS heap after a garbage collection, with the graph open and dragged.
 * Route JS = the editor route's initial JS from the build's manifest (e2e/support/route-size.ts).
 * A miss is profiled (CPU profile + trace) into test-results/bench/, and the top costs
 * are printed.
 *
 * Headline figures are recorded through server/bench/summary/figures.ts ('editor').
 *
 * Env: BENCH_URL (use a running server; else one is started on a throwaway database),
 * BENCH_SIZES (default 100,400,1000), BENCH_RUNS (default 3), BENCH_QUICK=1 (sizes 100,1000,
 * 2 loads each: about a minute), BENCH_STRICT=1 (exit 1 on a miss),
 * BENCH_CSS (a style sheet added to every page: try a rendering idea without a rebuild).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { generateChainGraph } from '@autonomic/workflow';
import { ApiSession, DEMO_PASSWORD } from '../fixtures/api';
import { compileOrThrow } from '../fixtures/documents';
import { REPO_ROOT, startServer, type RunningServer } from '../support/server';
import { startFigures } from '../../server/bench/summary/figures';
import { wrapIntoBands } from './layout';
import { LOAD_PROBE, NODE_TRANSFORM, READY_MARKER, DRIVE_DRAG, STYLE_SHEET, VIEWPORT_SCALE } from './page-scripts';
import { cpuProfile, traceSummary, type Cost, type CpuCosts } from './profile';
import { recordFigures } from './editor-figures';
import { fitAll, heapUsedMb } from './fitted';

/** Load: < 1,500 ms, and < 800 ms at 100 nodes. Drag: 55 fps at the open zoom, 45 fitted. */
const TARGET = { loadMs: 1500, smallLoadMs: 800, fps: 55, fittedFps: 45 };
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '100,1000' : '100,400,1000')).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 2 : 3));
const DRAG_MS = 2000;
const LOAD_TIMEOUT_MS = 60_000;
const OUT_DIR = join(REPO_ROOT, 'test-results', 'bench');
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export interface LoadResult {
  readyMs: number;
  firstNodeMs: number | null;
  rendered: number;
}
export interface DragResult {
  /** Frames per second in which the dragged node was drawn at a new position. */
  fps: number;
  /** All animation frames per second (with or without a position update). */
  rafFps: number;
  /** The longest gap between two position updates. */
  worstFrameMs: number;
  moved: boolean;
}
export interface Row {
  nodes: number;
  load: LoadResult;
  drag: DragResult;
  /** The same drag after Fit (every node on screen). */
  dragFitted: DragResult & { zoom: number };
  /** JS heap after a GC, MB, with the graph open. */
  heapMb: number;
  /** The same drag zoomed in to 100 % (few nodes drawn): tells drawing costs from store costs. */
  dragZoomed: DragResult & { drawn: number };
  costs: { phase: string; cpu: CpuCosts; trace: Cost[]; files: string[] }[];
  /** The API reads and scripts of the last load: path, start → end (ms from navigation start). */
  requests: string[];
}

/** The API reads and scripts a page loaded, when each started and ended: which of them waited on another. */
const READS = `performance.getEntriesByType('resource')
  .map((e) => [new URL(e.name).pathname, e])
  .filter(([p]) => p.startsWith('/api/') || p.endsWith('.js'))
  .map(([p, e]) => p.replace(/[0-9a-f-]{36}/g, ':id').replace(/^\\/assets\\//, '') + ' ' + e.startTime.toFixed(0) + ' → ' + e.responseEnd.toFixed(0))`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Whether the built client has the ready marker (then load waits for it, else for a stable canvas). */
async function bundleHasMarker(url: string): Promise<boolean> {
  const html = await (await fetch(`${url}/login`)).text();
  const scripts = [...html.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  for (const src of scripts) if ((await (await fetch(new URL(src, url))).text()).includes('editor-ready')) return true;
  return false;
}

async function openEditor(context: BrowserContext, workflowId: string, useMarker: boolean) {
  const page = await context.newPage();
  await page.addInitScript(LOAD_PROBE(useMarker));
  await page.goto(`/workflows/${workflowId}`);
  const load = await Promise.race([
    page.evaluate('window.__editorLoad') as Promise<LoadResult>,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the editor was not ready within ${LOAD_TIMEOUT_MS} ms`)), LOAD_TIMEOUT_MS),
    ),
  ]);
  return { page, load };
}

/** The rendered node nearest the canvas centre whose header is really under the pointer there. */
async function nodeNearCentre(page: Page): Promise<string> {
  const id = await page.evaluate(`(() => {
    const c = document.querySelector('[data-testid="editor-canvas"]').getBoundingClientRect();
    const cx = c.x + c.width / 2, cy = c.y + c.height / 2;
    const centreOf = (n) => {
      const r = (n.querySelector('.node-head') ?? n).getBoundingClientRect();
      return [r.x + r.width / 2, r.y + r.height / 2];
    };
    const nodes = [...document.querySelectorAll('.react-flow__node')]
      .map((n) => { const [x, y] = centreOf(n); return { n, x, y, d: Math.hypot(x - cx, y - cy) }; })
      .sort((a, b) => a.d - b.d);
    const hit = nodes.find(({ n, x, y }) => document.elementFromPoint(x, y)?.closest('.react-flow__node') === n);
    return hit ? hit.n.getAttribute('data-id') : null;
  })()`);
  if (typeof id !== 'string') throw new Error('no node rendered under the pointer');
  return id;
}

/**
 * Holds a node (a real mouse down on its header) and drags it in circles for DRAG_MS, one
 * move per frame, counting the frames in which it was drawn at a new position.
 */
async function dragFor(page: Page, nodeId: string): Promise<DragResult> {
  // A node drawn in full is held by its header; a zoomed-out one (a plain box) anywhere.
  const box = await page
    .locator(`.react-flow__node[data-id="${nodeId}"] :is(.node-head, .flow-node-lod)`)
    .first()
    .boundingBox();
  if (!box) throw new Error(`node ${nodeId} has no box`);
  const before = await page.evaluate(NODE_TRANSFORM(nodeId));
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 5, cy + 5); // past the drag threshold
  const frames = (await page.evaluate(DRIVE_DRAG(nodeId, cx, cy, DRAG_MS))) as [number, boolean][];
  const after = await page.evaluate(NODE_TRANSFORM(nodeId));
  await page.mouse.up();
  const first = frames[0]?.[0] ?? 0;
  const span = (frames[frames.length - 1]?.[0] ?? 0) - first;
  const updates = frames.filter(([, moved]) => moved).map(([t]) => t);
  let worst = 0;
  for (let i = 1; i < updates.length; i++) worst = Math.max(worst, (updates[i] ?? 0) - (updates[i - 1] ?? 0));
  return {
    fps: span > 0 ? (updates.length * 1000) / span : 0,
    rafFps: span > 0 ? ((frames.length - 1) * 1000) / span : 0,
    worstFrameMs: worst,
    moved: before !== after,
  };
}

/** Zooms in with the wheel over a node until the canvas is at 100 % or more. */
async function zoomToFull(page: Page, nodeId: string): Promise<void> {
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
  if (!box) throw new Error(`node ${nodeId} has no box`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 60 && ((await page.evaluate(VIEWPORT_SCALE)) as number) < 1; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
}

async function profileMiss(browser: Browser, context: BrowserContext, workflowId: string, n: number, row: Row) {
  mkdirSync(OUT_DIR, { recursive: true });
  const base = join(OUT_DIR, `editor-${n}`);
  if (row.load.readyMs >= loadTarget(n)) {
    const page = await context.newPage();
    await page.addInitScript(LOAD_PROBE(false));
    const files = [`${base}-load.cpuprofile`, `${base}-load.trace.json`];
    let trace: Cost[] = [];
    const cpu = await cpuProfile(page, files[0] ?? '', async () => {
      trace = await traceSummary(browser, page, files[1] ?? '', async () => {
        await page.goto(`/workflows/${workflowId}`);
        await page.evaluate('window.__editorLoad');
      });
    });
    row.costs.push({ phase: 'load', cpu, trace, files });
    await page.close();
  }
  const fittedMiss = row.dragFitted.fps < TARGET.fittedFps;
  if (row.drag.fps < TARGET.fps || fittedMiss) {
    const { page } = await openEditor(context, workflowId, false);
    if (fittedMiss) await fitAll(page);
    const id = await nodeNearCentre(page);
    const phase = fittedMiss ? 'fitted-drag' : 'drag';
    const files = [`${base}-${phase}.cpuprofile`, `${base}-${phase}.trace.json`];
    let trace: Cost[] = [];
    const cpu = await cpuProfile(page, files[0] ?? '', async () => {
      trace = await traceSummary(browser, page, files[1] ?? '', async () => {
        await dragFor(page, id);
      });
    });
    row.costs.push({ phase, cpu, trace, files });
    await page.close();
  }
}

async function benchSize(browser: Browser, context: BrowserContext, api: ApiSession, n: number, useMarker: boolean) {
  const graph = wrapIntoBands(generateChainGraph(n));
  graph.metadata = { name: `Bench ${n} nodes ${Date.now().toString(36)}`, tags: ['bench'] };
  const { workflowId } = await api.createWorkflow(compileOrThrow(graph), `editor bench, ${n} nodes`);
  const loads: LoadResult[] = [];
  let last: Page | null = null;
  for (let r = 0; r < RUNS; r++) {
    await last?.close();
    const opened = await openEditor(context, workflowId, useMarker);
    loads.push(opened.load);
    last = opened.page;
  }
  if (!last) throw new Error('no run');
  const requests = (await last.evaluate(READS)) as string[];
  const load = loads.map((l) => l.readyMs);
  const mid = loads.find((l) => l.readyMs === median(load)) ?? loads[0];
  if (!mid) throw new Error('no load measured');
  const nodeId = await nodeNearCentre(last);
  const drag = await dragFor(last, nodeId);
  await zoomToFull(last, nodeId);
  const drawn = await last.locator('.react-flow__node').count();
  const dragZoomed = { ...(await dragFor(last, await nodeNearCentre(last))), drawn };
  const zoom = await fitAll(last);
  mkdirSync(OUT_DIR, { recursive: true });
  await last.screenshot({ path: join(OUT_DIR, `editor-${n}-fitted.png`) }); // what the fitted drag drew
  const dragFitted = { ...(await dragFor(last, await nodeNearCentre(last))), zoom };
  const heapMb = await heapUsedMb(last);
  await last.close();
  const row: Row = { nodes: n, load: mid, drag, dragFitted, heapMb, dragZoomed, costs: [], requests };
  if (verdict(row) === 'MISS') await profileMiss(browser, context, workflowId, n, row);
  return row;
}

const loadTarget = (nodes: number) => (nodes <= 100 ? TARGET.smallLoadMs : TARGET.loadMs);

function verdict(r: Row): string {
  const ok =
    r.load.readyMs < loadTarget(r.nodes) &&
    r.drag.fps >= TARGET.fps &&
    r.drag.moved &&
    r.dragFitted.fps >= TARGET.fittedFps &&
    r.dragFitted.moved;
  return ok ? 'PASS' : 'MISS';
}

function report(rows: Row[], useMarker: boolean): void {
  const f = (x: number | null, d = 0) => (x === null ? '—' : x.toFixed(d));
  console.log(
    `\nEditor benchmark (headless Chromium, ${RUNS} loads each, median; load average ${loadavg()[0]?.toFixed(2)}; ready = ${useMarker ? READY_MARKER : 'stable canvas, no ready marker in this build'}${process.env.BENCH_CSS ? `; extra CSS: ${process.env.BENCH_CSS}` : ''})\n`,
  );
  console.table(
    rows.map((r) => ({
      nodes: r.nodes,
      'load ms': f(r.load.readyMs),
      'first node ms': f(r.load.firstNodeMs),
      'nodes drawn': r.load.rendered,
      'drag fps': f(r.drag.fps, 1),
      'rAF fps': f(r.drag.rafFps, 1),
      'worst gap ms': f(r.drag.worstFrameMs, 1),
      'node moved': r.drag.moved,
      'fps @100%': `${f(r.dragZoomed.fps, 1)} (${r.dragZoomed.drawn} drawn)`,
      'fps fitted': `${f(r.dragFitted.fps, 1)} (zoom ${f(r.dragFitted.zoom, 2)})`,
      'heap MB': f(r.heapMb),
      target: `< ${loadTarget(r.nodes)} ms, ≥ ${TARGET.fps} fps, fitted ≥ ${TARGET.fittedFps}`,
      result: verdict(r),
    })),
  );
  for (const r of rows)
    console.log(
      `${r.nodes} nodes, API reads and scripts of the last load (ms from navigation start; a cached script ends at once):\n  ${r.requests.join('\n  ')}`,
    );
  for (const r of rows) {
    for (const c of r.costs) {
      console.log(`\n${r.nodes} nodes, ${c.phase}: top costs (profiles: ${c.files.join(', ')})`);
      console.log('  main thread (trace, inclusive):');
      for (const t of c.trace.slice(0, 8)) console.log(`    ${t.ms.toFixed(0).padStart(7)} ms  ${t.what}`);
      console.log('  self time by package / folder (CPU profile):');
      for (const t of c.cpu.owners.slice(0, 8)) console.log(`    ${t.ms.toFixed(0).padStart(7)} ms  ${t.what}`);
      console.log('  self time by function (CPU profile, source-mapped):');
      for (const t of c.cpu.functions.slice(0, 12)) console.log(`    ${t.ms.toFixed(0).padStart(7)} ms  ${t.what}`);
    }
  }
}

async function main(): Promise<void> {
  let server: RunningServer;
  if (process.env.BENCH_URL) {
    server = { url: process.env.BENCH_URL.replace(/\/$/, ''), stop: async () => {} };
  } else {
    const b = spawnSync('npx', ['tsx', 'e2e/support/build-client.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('client build failed');
    console.log('starting the server on a throwaway database…');
    server = await startServer();
  }
  const rec = startFigures('editor');
  const browser = await chromium.launch(LAUNCH);
  try {
    const api = await ApiSession.login(server.url, 'alice');
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    if (process.env.BENCH_CSS) await context.addInitScript(STYLE_SHEET(process.env.BENCH_CSS));
    const login = await context.request.post('/api/auth/login', {
      data: { username: 'alice', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    // Caches the bundle (the list, then the editor's chunks): loads below measure the editor, not the download.
    const warm = await context.newPage();
    await warm.goto('/workflows');
    await warm.goto('/workflows/new');
    await warm.getByTestId('editor-canvas').waitFor();
    await warm.close();
    const useMarker = await bundleHasMarker(server.url);
    const rows: Row[] = [];
    for (const n of SIZES) {
      console.log(`${n} nodes…`);
      rows.push(await benchSize(browser, context, api, n, useMarker));
    }
    report(rows, useMarker);
    recordFigures(rec, rows, TARGET);
    await api.dispose();
    if (process.env.BENCH_STRICT && rows.some((r) => verdict(r) === 'MISS')) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
