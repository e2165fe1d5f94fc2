/**
 * The live feed of runs in this process: `run` when a run's status changed (after the
 * commit, so what a listener sees is durable; also for runs of other processes, through
 * NOTIFY), `step` when an attempt starts waiting or ends (from the engine, before its
 * commit; runs driven here only) and `changed` when a commit of a run is durable (runs of
 * every process: this one's at once, others' through NOTIFY). Listeners must not throw;
 * the SSE routes and metrics subscribe here.
 */
import { EventEmitter } from 'node:events';
import type { AttemptRecord, RunError, RunStatus } from '../engine';
import type { ChangeCursor, RunChanges } from '../store/run-changes';

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

/** Where a live stream of one run reads what changed (run-follow.ts). */
export interface ChangeSource {
  /** The run's status and its attempt rows written after `after`; undefined when there is no such run. */
  read(runId: string, after?: ChangeCursor): Promise<RunChanges | undefined>;
  /** Resolves once this process hears other processes' commits (its LISTEN is on). */
  listen(): Promise<void>;
  /** A read or the LISTEN failed (the stream reads again at its next poll). */
  warn(err: unknown): void;
}

interface Events {
  run: [RunEvent];
  step: [StepEvent];
  /** The row id of a run one of whose commits is durable now. */
  changed: [string];
  /** Announcements may have been missed (the LISTEN connection came back): read every followed run again. */
  resync: [];
}

export class RunEvents extends EventEmitter<Events> {
  /** @param changes how streams of one run read its changes; without, they only see this bus. */
  constructor(readonly changes?: ChangeSource) {
    super();
    // One listener per open SSE stream and per waiting webhook request.
    this.setMaxListeners(0);
  }
}
