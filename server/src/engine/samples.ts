import type { SampleEvent } from '@autonomic/workflow';
import type { SimulationResult } from './simulation';

export interface SampleCheckOptions {
  /**
   * The status a sample that states none must end with (the review policy wants
   * `succeeded`); unset, the status is checked only when the sample states one.
   */
  defaultStatus?: 'succeeded' | 'failed';
}

/**
 * How a simulated sample differs from what its author expected: an empty list when it
 * met `expect` (or expected nothing). Each entry is one sentence for a person.
 */
export function sampleMismatches(
  sample: SampleEvent,
  result: Pick<SimulationResult, 'status' | 'path'>,
  options: SampleCheckOptions = {},
): string[] {
  const mismatches: string[] = [];
  const status = sample.expect?.status ?? options.defaultStatus;
  if (status && status !== result.status) {
    mismatches.push(`expected status ${status}, got ${result.status}`);
  }
  const path = sample.expect?.path;
  if (path && (path.length !== result.path.length || path.some((p, i) => p !== result.path[i]))) {
    mismatches.push(`expected path ${path.join(' → ') || '(none)'}, got ${result.path.join(' → ') || '(none)'}`);
  }
  return mismatches;
}
