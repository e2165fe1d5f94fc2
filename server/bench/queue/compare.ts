/**
 * The side-by-side: one line per measured figure with each queue's value and which one is
 * better by more than the noise margin, the summary figures for `npm run bench`, and the
 * decision (keep ours only if it wins clearly).
 */
import type { Figure } from '../summary/figures';
import type { FairnessResult, OneWorkerResult, ScaleResult, TakeoverResult } from './scenarios';

export interface QueueOutcome {
  one: OneWorkerResult;
  fair: FairnessResult;
  scale: ScaleResult;
  take: TakeoverResult;
}

interface Line {
  what: string;
  ours: number | undefined;
  graphile: number | undefined;
  unit: string;
  better: 'higher' | 'lower';
}

/** Differences under this share are noise on a shared 2-core machine. */
const MARGIN = 0.15;

function winner(l: Line): 'ours' | 'graphile-worker' | 'tie' {
  // A missing value is the worst outcome (a takeover that never happened within the bound).
  if (l.ours === undefined || l.graphile === undefined)
    return l.ours === l.graphile ? 'tie' : l.ours === undefined ? 'graphile-worker' : 'ours';
  const [a, b] = l.better === 'higher' ? [l.ours, l.graphile] : [l.graphile, l.ours];
  if (a > b * (1 + MARGIN)) return 'ours';
  if (b > a * (1 + MARGIN)) return 'graphile-worker';
  return 'tie';
}

export function lines(ours: QueueOutcome, gw: QueueOutcome): Line[] {
  const both = (what: string, unit: string, better: Line['better'], f: (o: QueueOutcome) => number | undefined) => ({
    what,
    unit,
    better,
    ours: f(ours),
    graphile: f(gw),
  });
  const scale = (n: number) => (o: QueueOutcome) => o.scale.find((s) => s.workers === n)?.perSecond;
  return [
    both('recorded, 32 callers', 'runs/s', 'higher', (o) => o.one.throughput.recorded),
    both('executed, 1 worker ×64', 'runs/s', 'higher', (o) => o.one.throughput.executed),
    both('worker CPU per run', 'ms', 'lower', (o) => o.one.throughput.cpuPerRun.worker),
    both('PostgreSQL CPU per run', 'ms', 'lower', (o) => o.one.throughput.cpuPerRun.postgres),
    both('ingest (API process) CPU per run', 'ms', 'lower', (o) => o.one.throughput.cpuPerRun.ingest),
    both('transactions committed per run', '', 'lower', (o) => o.one.throughput.commitsPerRun),
    both('claim latency p50 at 50 runs/s', 'ms', 'lower', (o) => o.one.latency.p50),
    both('claim latency p99 at 50 runs/s', 'ms', 'lower', (o) => o.one.latency.p99),
    both('1 worker ×8, 50 ms step', 'runs/s', 'higher', scale(1)),
    both('2 workers ×8, 50 ms step', 'runs/s', 'higher', scale(2)),
    both('4 workers ×8, 50 ms step', 'runs/s', 'higher', scale(4)),
    both('kill -9: all in-flight runs resumed after', 'ms', 'lower', (o) => o.take.allMs),
    both('kill -9: runs not finished (lost or stuck)', 'runs', 'lower', (o) => o.take.notFinished),
    both("fairness: B's latency p99 during A's flood", 'ms', 'lower', (o) => o.fair.p99),
  ];
}

const num = (v: number | undefined, unit: string) =>
  v === undefined
    ? 'never (within the bound)'
    : `${v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(v < 10 ? 2 : 1)} ${unit}`.trim();

export function printTable(ls: Line[]): void {
  const rows = ls.map((l) => [l.what, num(l.ours, l.unit), num(l.graphile, l.unit), winner(l)]);
  const head = ['figure', 'ours (runs table)', 'graphile-worker 0.16.6', 'better'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  console.log(`\n${fmt(head)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
  for (const r of rows) console.log(fmt(r));
}

export function decide(ls: Line[], ours: QueueOutcome): { keep: boolean; ourWins: number; theirWins: number } {
  const w = ls.map(winner);
  const ourWins = w.filter((x) => x === 'ours').length;
  const theirWins = w.filter((x) => x === 'graphile-worker').length;
  return { keep: ours.take.notFinished === 0 && ourWins > theirWins, ourWins, theirWins };
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`);

export function figures(ours: QueueOutcome, gw: QueueOutcome): Figure[] {
  const pair = (f: (o: QueueOutcome) => string) => `ours ${f(ours)} · graphile-worker ${f(gw)}`;
  const info = (figure: string, result: string): Figure => ({ figure, result, target: '', verdict: 'INFO' });
  const takeover = (o: QueueOutcome) =>
    `${o.take.inFlight} in flight: ${o.take.allMs === undefined ? `not all resumed within ${o.take.boundMs / 1000} s` : `all resumed after ${ms(o.take.allMs)}`}, ${o.take.notFinished} not finished, ${o.take.repeated} effect(s) re-sent under the same key`;
  return [
    info(
      `queue: ${ours.one.throughput.runs.toLocaleString('en')} 3-step runs recorded by 32 callers and executed by 1 worker ×64`,
      pair(
        (o) =>
          `${o.one.throughput.recorded}/s recorded, ${o.one.throughput.executed}/s executed; per run ` +
          `${o.one.throughput.commitsPerRun.toFixed(1)} commits, CPU worker ${ms(o.one.throughput.cpuPerRun.worker)}, ` +
          `PostgreSQL ${ms(o.one.throughput.cpuPerRun.postgres)}, ingest ${ms(o.one.throughput.cpuPerRun.ingest)}`,
      ),
    ),
    info(
      'queue: claim latency at 50 runs/s (INSERT commit → run starts in a worker)',
      pair((o) => `p50 ${ms(o.one.latency.p50)} p99 ${ms(o.one.latency.p99)}`),
    ),
    info(
      'queue: 1 / 2 / 4 worker processes ×8 draining runs with a 50 ms step',
      pair((o) => `${o.scale.map((s) => s.perSecond).join(' / ')} runs/s`),
    ),
    info('queue: takeover after kill -9 of one of 2 workers', pair(takeover)),
    info(
      'queue: cost of one claim of ours (50 runs) by backlog, EXPLAIN ANALYZE, rolled back',
      [ours.take.claim, ours.fair.claim]
        .map((c) =>
          c ? `${c.backlog.toLocaleString('en')} queued: ${ms(c.ms)}, ${c.pages.toLocaleString('en')} pages` : '',
        )
        .join(' · '),
    ),
    info(
      `queue: fairness, workflow B (${ours.fair.fair} runs at 10/s) while A floods ${ours.fair.flood.toLocaleString('en')}`,
      pair((o) => `B p50 ${ms(o.fair.p50)} p99 ${ms(o.fair.p99)}`),
    ),
  ];
}
