/** Times each dashboard aggregate through its service: one warm-up, then `repeat` runs. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  median: number;
  p95: number;
  min: number;
}

/** Nearest-rank percentile of sorted samples. */
const rank = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

export async function timeCases(cases: [string, () => Promise<unknown>][], repeat: number): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const [name, work] of cases) {
    await work();
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      await work();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push({ name, median: rank(times, 0.5), p95: rank(times, 0.95), min: times[0] ?? NaN });
  }
  return out;
}

export function printTimings(title: string, rows: Timing[], target: number): void {
  console.log(`\n${title}`);
  console.log(`| ${'aggregate'.padEnd(40)} | median ms | p95 ms | min ms | ≤${target} |`);
  console.log(`|${'-'.repeat(42)}|-----------|--------|--------|------|`);
  for (const r of rows)
    console.log(
      `| ${r.name.padEnd(40)} | ${r.median.toFixed(1).padStart(9)} | ${r.p95.toFixed(1).padStart(6)} | ` +
        `${r.min.toFixed(1).padStart(6)} | ${r.median <= target ? 'PASS' : 'MISS'} |`,
    );
}
