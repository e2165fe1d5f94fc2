export { approvalStats } from './approvals';
export { timeSaved, timeToContain } from './outcomes';
export { durationsByWorkflow, runsByStatusOverTime } from './runs';
export { sloCounts } from './slos';
export { automationCounts, topFailingSteps } from './steps';
export { csvRunsPage, CSV_COLUMNS } from './csv';
