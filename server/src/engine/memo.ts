import type { RunMemo, StepResult } from './state';

/**
 * What a re-run from the failed step reuses of a failed run: every step that completed
 * successfully and followed a port (a for-each that finished, with its items inside it;
 * items that finished in a loop that did not). The failed step and what never ran are
 * left out, so the re-run performs them; an `end` step (no port) ended the run and is
 * never reused.
 */
export function memoOf(fromRunId: string, results: readonly StepResult[]): RunMemo {
  const steps: RunMemo['steps'] = {};
  for (const r of results) {
    if (r.kind === 'step' && r.status === 'succeeded' && r.port !== undefined) {
      steps[r.key] = { output: r.output, port: r.port };
    }
  }
  return { fromRunId, steps };
}
