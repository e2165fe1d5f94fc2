/** What the main thread and an expression worker say to each other (structured clone). */
import type { StepError } from '../engine/errors';

export type ExpressionTask =
  | { op: 'evaluate'; source: string; input: unknown; now: number }
  | { op: 'render'; template: string; input: unknown; now: number }
  | { op: 'renderParams'; value: unknown; skip: string[]; input: unknown; now: number };

/** `ms`: the worker's own evaluation time, charged to the run's budget. */
export type ExpressionAnswer = { ok: true; value: unknown; ms: number } | { ok: false; error: StepError; ms: number };

/** Fixed for a pool's lifetime (workerData). */
export interface WorkerSettings {
  timeoutMs: number;
  maxDepth: number;
  /** The largest JSON result an expression may produce. */
  maxResultBytes: number;
}

export type ParentMessage =
  { type: 'settings'; settings: WorkerSettings } | { type: 'task'; id: number; task: ExpressionTask };
export type ChildMessage = { type: 'ready' } | { type: 'answer'; id: number; answer: ExpressionAnswer };
