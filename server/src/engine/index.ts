export { createEngine, childRunId, type Engine, type EngineOptions, type StartOptions } from './engine';
export type { Decision } from './decisions';
export type { EngineLimits, StepStubs, StubCall } from './env';
export { DEFAULT_LIMITS } from './env';
export * from './ports';
export * from './state';
export { memoOf } from './memo';
export { stepError, StepFailure, EngineError, isStepError, toStepError, httpErrorKind, type StepError } from './errors';
export { retryDelayMs, shouldRetry } from './retry';
export {
  Expressions,
  DEFAULT_EXPRESSION_LIMITS,
  budgetError,
  type ExpressionBudget,
  type ExpressionCall,
  type ExpressionEvaluator,
  type ExpressionInput,
  type ExpressionLimits,
} from './expressions';
export { MemoryRunStore, RunConflictError } from './memory-store';
export { systemClock, systemRandom, seededRandom, createVirtualClock, type VirtualClock } from './clocks';
export { SafetyList, SafetyEntry, Criticality, checkTarget, createSafetyPort, entryMatcher } from './safety';
export { SafetyAsset } from './asset-schema';
export { createLookup, createSafetyLookupPort } from './assets';
export {
  simulate,
  loopBounds,
  type LoopBound,
  type SimulationOptions,
  type SimulationResult,
  type ApprovalPolicy,
} from './simulation';
export {
  simulatedEffects,
  effectsReport,
  describeAction,
  type EffectReportEntry,
  type SimulatedConnectors,
  type SimulationNote,
} from './simulated-effects';
export { HANDLERS } from './nodes';
export {
  fixtureAnswers,
  fixturesFromOutputs,
  type ApprovalFixtures,
  type FixtureAnswerer,
  type FixtureCall,
  type Fixtures,
} from './fixtures';
export { runCase, runCases, type CaseOutcome, type CaseRunOptions } from './cases';
