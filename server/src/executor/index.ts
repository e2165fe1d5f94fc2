export { createExecutor, type Executor, type ExecutorOptions } from './executor';
export { RunEvents, type RunEvent, type StepEvent } from './events';
export { createPgWorkQueue, type WorkQueue } from './queue';
export { EXECUTOR_ACTOR } from './approvals-port';
