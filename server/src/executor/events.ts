/**
 * The live feed of runs in this process: `run` when a run's status changed (after the
 * commit, so what a listener sees is durable; also for runs of other processes, through
 * NOTIFY) and `step` when an attempt starts waiting or ends (from the engine, before its
 * commit). Listeners must not throw; the SSE routes and metrics subscribe here.
 */
import { EventEmitter } from 'node:events';
import type { AttemptRecord, RunError, RunStatus } from '../engine';

export interface RunEvent {
  /** The run's row id. */
  runId: string;
  workflowId?: string;
  status: RunStatus;
  output?: unknown;
  error?: RunError;
  message?: string;
  /** False when the change came from another process (only id and status are known). */
  local: boolean;
}

export interface StepEvent {
  runId: string;
  workflowId?: string;
  stepId: string;
  stepKey: string;
  nodeType: string;
  attempt: number;
  status: AttemptRecord['status'];
  startedAt: number;
  finishedAt?: number;
  port?: string;
  error?: AttemptRecord['error'];
}

interface Events {
  run: [RunEvent];
  step: [StepEvent];
}

export class RunEvents extends EventEmitter<Events> {
  constructor() {
    super();
    // One listener per open SSE stream and per waiting webhook request.
    this.setMaxListeners(0);
  }
}
