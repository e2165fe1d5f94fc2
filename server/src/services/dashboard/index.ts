export { createDashboardService, type DashboardService } from './service';
export { type SloService } from './slos';
export { DEFAULT_SLO, BURN_WINDOWS, MIN_BURN_RUNS, evaluateSlo } from './slo';
export { automationLevel } from './automation';
export { resolveRange } from './query';
export { csvCell, csvLine } from './csv';
