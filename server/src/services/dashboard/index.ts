export { createDashboardService, type DashboardService } from './service';
export { type SloService } from './slos';
export { DEFAULT_SLO, SloBody, BURN_WINDOWS, MIN_BURN_RUNS, evaluateSlo, type SloStatus } from './slo';
export { automationLevel, AUTOMATION_LEVELS, type AutomationLevel } from './automation';
export { RangeQuery, CsvQuery, FailingQuery, resolveRange } from './query';
export { csvCell, csvLine } from './csv';
