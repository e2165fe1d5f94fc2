/**
 * SLO arithmetic: compliance over the rolling window, error budget left, and burn rates
 * over short windows (the multi-window burn-rate alert of the Google SRE workbook, with its
 * 30-day thresholds: 6 h burning ≥ 6× or 24 h burning ≥ 3× spends 5 % or 10 % of a month's
 * budget in that time). Pure functions over the counts the store returns.
 */
import type { SloState, SloStatus, SloTarget } from '@autonomic/api';
import type { SloCounts } from '../../store/dashboard-slos';

/** A workflow without a stored SLO: 95 % of runs succeed within 5 minutes, over 30 days. */
export const DEFAULT_SLO: SloTarget = { objectivePercent: 95, latencySeconds: 300, windowDays: 30 };

/** Short windows whose burn rate raises the warning, and the rate that does. */
export const BURN_WINDOWS = [
  { hours: 6, threshold: 6 },
  { hours: 24, threshold: 3 },
] as const;
/**
 * Fewer finished runs than this in a short window: no burn rate (one failure in two runs is
 * noise); fewer in the SLO's whole window: `not_enough_data`, neither spent nor at risk.
 */
export const MIN_BURN_RUNS = 5;

/**
 * Bad share over the allowed share (the burn rate), rounded to 1e-9 so that a rate exactly at
 * a threshold reaches it. The rollback policy (workflows/rollback.ts) uses it too.
 */
export function overBudget(total: number, good: number, objectivePercent: number): number {
  return Math.round((((total - good) / total) * 100 * 1e9) / (100 - objectivePercent)) / 1e9;
}

function stateOf(runs: number, budgetRemaining: number, firing: boolean): SloState {
  if (runs === 0) return 'no_data';
  if (runs < MIN_BURN_RUNS) return 'not_enough_data';
  if (budgetRemaining <= 0) return 'exhausted';
  return firing ? 'burning' : 'ok';
}

export function evaluateSlo(c: SloCounts): SloStatus {
  const burn = BURN_WINDOWS.map(({ hours, threshold }) => {
    const w = c.recent[hours] ?? { total: 0, good: 0 };
    const rate = w.total < MIN_BURN_RUNS ? null : overBudget(w.total, w.good, c.objectivePercent);
    return { hours, runs: w.total, rate, threshold, firing: rate !== null && rate >= threshold };
  });
  const budgetRemaining = c.total === 0 ? 1 : 1 - overBudget(c.total, c.good, c.objectivePercent);
  const state = stateOf(
    c.total,
    budgetRemaining,
    burn.some((b) => b.firing),
  );
  return {
    workflowId: c.workflowId,
    name: c.name,
    slug: c.slug,
    configured: c.configured,
    objectivePercent: c.objectivePercent,
    latencySeconds: c.latencySeconds,
    windowDays: c.windowDays,
    runs: c.total,
    good: c.good,
    compliance: c.total === 0 ? null : c.good / c.total,
    errorBudget: (100 - c.objectivePercent) / 100,
    budgetRemaining,
    burn,
    state,
    minRuns: MIN_BURN_RUNS,
  };
}
