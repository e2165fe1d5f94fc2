/**
 * The trace of a run as the client reads it. A simulation answers with the engine's
 * attempt records (times in ms); a stored run with its step rows (ISO times, safety in
 * `details`). `attemptOf` reads both into one shape.
 */

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type AttemptStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type Criticality = 'low' | 'medium' | 'high' | 'critical';

export interface StepError {
  kind: string;
  message: string;
  retryable?: boolean;
}

export interface SafetyRecord {
  decision: 'allow' | 'refuse' | 'auto-ok';
  reason?: string;
  criticality?: Criticality;
}

export interface TraceEvent {
  at: number;
  type: string;
  level?: number;
  by?: string;
  detail?: string;
}

/** One attempt of one step. */
export interface Attempt {
  stepId: string;
  /** Step id plus the item path inside for-each bodies: `lookup[3]`. */
  stepKey: string;
  nodeType: string;
  attempt: number;
  status: AttemptStatus;
  /** Epoch ms. */
  startedAt: number;
  finishedAt?: number;
  input?: unknown;
  output?: unknown;
  error?: StepError | null;
  /** The output port followed. */
  port?: string | null;
  effect?: string;
  target?: { kind: string; value: string };
  safety?: SafetyRecord;
  events?: TraceEvent[];
}

/** One entry of the effects report: a write or destructive step that reached its effect. */
export interface EffectEntry {
  stepId: string;
  stepKey: string;
  nodeType: string;
  effect: 'write' | 'destructive';
  /** In words: "block IP 203.0.113.7 for 24h". */
  action: string;
  target?: { kind: string; value: string };
  params?: unknown;
  decision: 'would-run' | 'refused' | 'auto-ok';
  reason?: string;
  criticality?: Criticality;
}

export interface SampleCheck {
  sample: string;
  passed: boolean;
  failures: string[];
}

/** What POST …/simulate answers. */
export interface SimulationResult {
  runId: string;
  status: RunStatus;
  path: string[];
  trace: Attempt[];
  effects: EffectEntry[];
  durationMs: number;
  output?: unknown;
  message?: string;
  error?: StepError & { stepId?: string; stepKey?: string };
  check?: SampleCheck;
}

/** What POST …/simulate-samples answers: one result per stored sample. */
export interface SampleRun {
  sample: string;
  runId: string;
  status: RunStatus;
  path: string[];
  effects: EffectEntry[];
  passed: boolean;
  failures: string[];
}

export interface SamplesResult {
  workflowId: string;
  number: number;
  passed: boolean;
  /** Whether these runs completed the review policy and approved the version. */
  approved: boolean;
  results: SampleRun[];
}

export type ApprovalPolicy = 'approved' | 'rejected' | 'timeout';
