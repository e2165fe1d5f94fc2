/** Where a candidate's path leaves the live run's: what both did first, then each side's own steps. */
export interface PathDiff {
  /** The steps both runs completed first, in order. */
  shared: string[];
  /** The live run's steps after the shared ones. */
  live: string[];
  /** The candidate's steps after the shared ones. */
  candidate: string[];
}

/**
 * Splits two paths (step ids in completion order) at the first step where they part.
 * @example pathDiff(['enrich', 'check', 'block_ip'], ['enrich', 'check', 'notify'])
 * // { shared: ['enrich', 'check'], live: ['block_ip'], candidate: ['notify'] }
 */
export function pathDiff(live: readonly string[], candidate: readonly string[]): PathDiff {
  let k = 0;
  while (k < live.length && k < candidate.length && live[k] === candidate[k]) k += 1;
  return { shared: live.slice(0, k), live: live.slice(k), candidate: candidate.slice(k) };
}

/**
 * One side of a path diff in words: "… → block_ip" (the dots stand for the shared steps),
 * "stops after check" when this side has no step of its own, "nothing ran" when neither did.
 */
export function sideText(shared: readonly string[], own: readonly string[]): string {
  if (own.length === 0) return shared.length > 0 ? `stops after ${shared[shared.length - 1]}` : 'nothing ran';
  return `${shared.length > 0 ? '… → ' : ''}${own.join(' → ')}`;
}
