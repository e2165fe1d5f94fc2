import type { SampleEvent } from '@autonomic/workflow';
import type { SimulationResult } from './simulation';

/**
 * How a simulated sample differs from what its author expected: an empty list when it
 * met `expect` (or expected nothing). Each entry is one sentence for a person.
 */
export function sampleMismatches(sample: SampleEvent, result: Pick<SimulationResult, 'status' | 'path'>): string[] {
  const mismatches: string[] = [];
  const expected = sample.expect;
  if (expected?.status && expected.status !== result.status) {
    mismatches.push(`expected status ${expected.status}, got ${result.status}`);
  }
  if (expected?.path) {
    const want = expected.path.join(' → ');
    const got = result.path.join(' → ');
    if (want !== got) mismatches.push(`expected path ${want || '(none)'}, got ${got || '(none)'}`);
  }
  return mismatches;
}
