/**
 * Reading a whole run back for resume, in one statement: the run row, its document
 * (skipped when the process has it parsed already), its step results and its attempts.
 */
import {
  TERMINAL,
  type AttemptRecord,
  type RunRecord,
  type RunState,
  type RunStatus,
  type StepResult,
  type StoredRun,
} from '../engine';
import type { RecordExtras } from './runs-commit';
import { ms } from './runs-sql';

export const LOAD_RUN = `SELECT r.state, r.state_version AS version, r.status::text AS status, r.input, ${ms('r.created_at')} AS created_at,
    r.workflow_id::text AS workflow_id, r.version_id::text AS version_id, r.mode::text AS mode,
    r.parent_run_id::text AS parent_db_id,
    CASE WHEN r.version_id = ANY($2::uuid[]) THEN NULL ELSE v.document END AS document,
    coalesce((SELECT jsonb_agg(x.data) FROM run_results x WHERE x.run_id = r.id), '[]'::jsonb) AS results,
    coalesce((SELECT jsonb_agg(jsonb_build_object('stepKey', s.step_key, 'stepId', s.step_id, 'attempt', s.attempt,
        'nodeType', s.node_type, 'status', s.status::text, 'input', s.input, 'output', s.output, 'error', s.error,
        'port', s.port, 'startedAt', ${ms('s.started_at')}, 'finishedAt', ${ms('s.finished_at')}, 'details', s.details))
      FROM step_runs s WHERE s.run_id = r.id), '[]'::jsonb) AS attempts
  FROM runs r JOIN workflow_versions v ON v.id = r.version_id
  WHERE r.id = $1::uuid`;

export interface LoadRow {
  state: Record<string, unknown> & { record?: RecordExtras };
  version: number;
  status: string;
  input: unknown;
  created_at: number;
  workflow_id: string;
  version_id: string;
  mode: 'live' | 'simulation';
  parent_db_id: string | null;
  document: unknown;
  results: StepResult[];
  attempts: StoredAttempt[];
}

interface StoredAttempt {
  stepKey: string;
  stepId: string;
  attempt: number;
  nodeType: string;
  status: AttemptRecord['status'];
  input: unknown;
  output: unknown;
  error: AttemptRecord['error'] | null;
  port: string | null;
  startedAt: number;
  finishedAt: number | null;
  details: Partial<AttemptRecord> | null;
}

/** The state of a run inserted as `queued` that no engine has committed yet. */
export function initialState(createdAt: number): RunState {
  return {
    status: 'queued',
    version: 0,
    updatedAt: createdAt,
    seq: 0,
    tokens: [],
    loops: [],
    joins: [],
    destructive: 0,
  };
}

function toAttempt(runId: string, a: StoredAttempt): AttemptRecord {
  const r: AttemptRecord = {
    ...(a.details ?? {}),
    runId,
    stepId: a.stepId,
    stepKey: a.stepKey,
    nodeType: a.nodeType,
    attempt: a.attempt,
    status: a.status,
    startedAt: a.startedAt,
  };
  if (a.finishedAt !== null) r.finishedAt = a.finishedAt;
  if (a.input !== null) r.input = a.input;
  if (a.output !== null) r.output = a.output;
  if (a.error !== null) r.error = a.error;
  if (a.port !== null) r.port = a.port;
  return r;
}

/** The engine's view of a loaded row; `engineId` is the id the engine asked for. */
export function toStoredRun(engineId: string, row: LoadRow, document: RunRecord['document']): StoredRun {
  const { record, ...rest } = row.state;
  const extras: RecordExtras = record ?? { id: engineId, depth: 0 };
  const run: RunRecord = { id: engineId, document, event: row.input, createdAt: row.created_at, depth: extras.depth };
  const slash = engineId.lastIndexOf('/');
  if (slash > 0) run.parentRunId = engineId.slice(0, slash);
  if (extras.parentStepKey !== undefined) run.parentStepKey = extras.parentStepKey;
  if (extras.maxDestructive !== undefined && extras.maxDestructive !== null) run.maxDestructive = extras.maxDestructive;
  if (extras.memo !== undefined) run.memo = extras.memo;
  const state = row.version === 0 ? initialState(row.created_at) : stateOf(rest, row.version);
  // A row no engine wrote (imported history) keeps the status it was given when it has ended.
  if (row.version === 0 && isStatus(row.status) && TERMINAL.has(row.status)) state.status = row.status;
  return { run, state, results: row.results, attempts: row.attempts.map((a) => toAttempt(engineId, a)) };
}

function stateOf(raw: Record<string, unknown>, version: number): RunState {
  // The column holds exactly what the engine committed (plus `record`, removed above).
  const state = raw as unknown as RunState;
  state.version = version;
  return state;
}

export const isStatus = (s: string): s is RunStatus =>
  ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'].includes(s);
