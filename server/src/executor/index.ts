export { createExecutor, type Executor, type ExecutorOptions } from './executor';
export type { NewRun, StartOutcome } from './start';
export type { StartableWorkflow } from './resolver';
export { RunEvents, type RunEvent, type StepEvent } from './events';
export { createPgWorkQueue, type WorkQueue } from './queue';
export { EXECUTOR_ACTOR } from './approvals-port';
