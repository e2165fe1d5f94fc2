/**
 * The one contract every benchmark follows so that `npm run bench` can print one summary
 * table: a benchmark measures, prints its own detail as it likes, and then records its
 * headline figures here. `npm run bench` (./run-all.ts) runs each benchmark in a child
 * process with `BENCH_RESULTS_DIR` set, reads back every `<bench>.json` and prints the table.
 * Run alone, a benchmark writes nothing unless `BENCH_RESULTS_DIR` is set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export type Verdict = 'PASS' | 'MISS' | 'INFO';

export interface Figure {
  /** What was measured, in one line: "webhook → 202, API-only, 32 connections". */
  figure: string;
  /** The measurement in words, with units: "2,140 runs/s, p99 61 ms, 0 errors". */
  result: string;
  /** The target in words ("≥ 2,000 runs/s, p99 < 100 ms"); "" for a figure shown for information. */
  target: string;
  /** PASS / MISS against the target; INFO when there is no target (a floor, a comparison). */
  verdict: Verdict;
  /** The floor it is measured against, measured in the same run: "one durable INSERT p99 1.8 ms". */
  floor?: string;
  /** For a MISS: what bounds it (from the profile) and the next step. Optional otherwise. */
  note?: string;
}

export interface BenchResult {
  bench: string;
  /** ISO time the benchmark finished. */
  at: string;
  machine: string;
  /** 1-minute load average when the benchmark started and when it ended. */
  loadStart: number;
  loadEnd: number;
  seconds: number;
  figures: Figure[];
}

/** Where results go: `BENCH_RESULTS_DIR`, or nowhere when it is not set. */
export const resultsDir = (): string | undefined => process.env.BENCH_RESULTS_DIR || undefined;

/** One line describing this machine: cores, CPU model, Node. */
export function machineLine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

/**
 * Starts a benchmark's record; call `done` with its figures at the end. Usage:
 *   const rec = startFigures('api');
 *   …measure…
 *   rec.done([{ figure, result, target, verdict, floor }]);
 */
export function startFigures(bench: string) {
  const t0 = performance.now();
  const loadStart = loadavg()[0] ?? 0;
  return {
    done(figures: Figure[]): BenchResult {
      const result: BenchResult = {
        bench,
        at: new Date().toISOString(),
        machine: machineLine(),
        loadStart,
        loadEnd: loadavg()[0] ?? 0,
        seconds: Math.round((performance.now() - t0) / 1000),
        figures,
      };
      const dir = resultsDir();
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${bench}.json`), `${JSON.stringify(result, null, 2)}\n`);
      }
      return result;
    },
  };
}

/** PASS when `ok`, MISS otherwise. */
export const verdictOf = (ok: boolean): Verdict => (ok ? 'PASS' : 'MISS');
