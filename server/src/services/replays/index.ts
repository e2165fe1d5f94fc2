export { createReplayService, type ReplayService, type ReplaySignal, type ReplayView } from './service';
export { createReplayRunner, type ReplayRunner, type ReplayRunnerDeps } from './runner';
export { redactEvent } from './redact';
export { behaviouralDiff, summarise } from './diff';
