/**
 * What the page spent its time on, for a benchmark miss: a V8 CPU profile (JS self time
 * by function) and a Chromium trace (main-thread time by event: script, style, layout,
 * paint, GC). Both are written next to the summary so that DevTools can open them.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { originOf } from './sourcemap';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

export interface Cost {
  what: string;
  ms: number;
}

export interface CpuCosts {
  /** Self time by function (source-mapped). */
  functions: Cost[];
  /** Self time by package or client folder. */
  owners: Cost[];
}

const sorted = (m: Map<string, number>): Cost[] =>
  [...m.entries()].map(([what, ms]) => ({ what, ms })).sort((a, b) => b.ms - a.ms);

/**
 * Runs `work` under the V8 sampling profiler; returns JS self time by function and by
 * package, mapped to sources. `(program)` is native time (Blink: style, layout, paint,
 * hit testing), `(idle)` is waiting.
 */
export async function cpuProfile(page: Page, file: string, work: () => Promise<void>): Promise<CpuCosts> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  writeFileSync(file, JSON.stringify(profile));
  const selfByNode = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => {
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfByNode.get(node.id);
    if (!ms) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const origin = url
      ? await originOf(url, lineNumber, columnNumber, name)
      : { where: name, owner: name.startsWith('(') ? name : '(native)' };
    functions.set(origin.where, (functions.get(origin.where) ?? 0) + ms);
    owners.set(origin.owner, (owners.get(origin.owner) ?? 0) + ms);
  }
  return { functions: sorted(functions), owners: sorted(owners) };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'];
/** Event names whose durations say where main-thread time went (inclusive; nested ones overlap). */
const TIMELINE_EVENTS = new Set([
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'EvaluateScript',
  'v8.compile',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'V8.GC_MARK_COMPACTOR',
  'ParseHTML',
  'HitTest',
]);

/** Runs `work` under Chromium tracing; returns main-thread time by timeline event, highest first. */
export async function traceSummary(
  browser: Browser,
  page: Page,
  file: string,
  work: () => Promise<void>,
): Promise<Cost[]> {
  await browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES });
  await work();
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The busiest renderer main thread is the page's.
  const busiest = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    if (mains.some((m) => m.pid === e.pid && m.tid === e.tid)) busiest.set(key, (busiest.get(key) ?? 0) + e.dur);
  }
  const main = [...busiest.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || `${e.pid}:${e.tid}` !== main || !TIMELINE_EVENTS.has(e.name)) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  return sorted(totals);
}
