/**
 * Replays and shadows (issue 15 §1, §3): the stored events, the replay rows and their
 * per-event items. Items are the queue: queued by a replay request (the last N events) or
 * by a live run that finished while a shadow is active, claimed one at a time by the replay
 * runner (`FOR UPDATE SKIP LOCKED`: several processes never claim the same item), and
 * finished under a lock of their replay, so that the last item of a replay marks it done
 * exactly once. Items left `running` by a stopped process are queued again at start.
 */
import { Prisma } from '../generated/prisma/client';
import type { Db, DbClient } from './db';
import { storableJson } from './storable';

export interface ReplayRow {
  id: string;
  workflowId: string;
  versionId: string;
  baseVersionId: string | null;
  kind: string;
  status: string;
  requested: number | null;
  until: Date | null;
  requestedById: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  message: string | null;
}

export interface ReplayItemRow {
  id: string;
  liveRunId: string;
  eventAt: Date;
  simulationRunId: string | null;
  /** The stored diff (ReplayItemView without ids), once done. */
  diff: Prisma.JsonValue | null;
}

/** Deletes stored events received before `before`; returns how many. */
export async function deleteReplayEventsBefore(db: Db, before: Date): Promise<number> {
  const { count } = await db.replayEvent.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}

export interface StoredEvent {
  runId: string;
  receivedAt: Date;
}

/**
 * The latest `count` stored events of the workflow's live runs of `versionId` that have
 * ended (a run still going has nothing to compare yet), newest first.
 */
export function latestEndedEvents(
  db: Db,
  workflowId: string,
  versionId: string,
  count: number,
): Promise<StoredEvent[]> {
  return db.$queryRaw<StoredEvent[]>`
    SELECT e.run_id::text AS "runId", e.received_at AS "receivedAt"
    FROM replay_events e JOIN runs r ON r.id = e.run_id
    WHERE e.workflow_id = ${workflowId}::uuid AND e.version_id = ${versionId}::uuid
      AND r.status IN ('succeeded', 'failed', 'cancelled')
    ORDER BY e.received_at DESC, e.id DESC LIMIT ${count}`;
}

export interface NewReplay {
  workflowId: string;
  versionId: string;
  baseVersionId: string | null;
  requested: number;
  requestedById: string;
  at: Date;
  events: StoredEvent[];
  /** Said when there is nothing to replay (the replay is then done at once). */
  emptyMessage: string;
}

/** A replay with one queued item per event; with no event it is done at once with `emptyMessage`. */
export async function insertReplay(db: Db, r: NewReplay): Promise<ReplayRow> {
  const none = r.events.length === 0;
  const replay = await db.replay.create({
    data: {
      workflowId: r.workflowId,
      versionId: r.versionId,
      baseVersionId: r.baseVersionId,
      kind: 'replay',
      status: none ? 'done' : 'queued',
      requested: r.requested,
      requestedById: r.requestedById,
      createdAt: r.at,
      finishedAt: none ? r.at : null,
      message: none ? r.emptyMessage : null,
    },
  });
  if (!none) {
    await db.replayItem.createMany({
      data: r.events.map((e) => ({ replayId: replay.id, liveRunId: e.runId, eventAt: e.receivedAt, createdAt: r.at })),
    });
  }
  return replay;
}

export function findReplay(db: Db, workflowId: string, id: string): Promise<ReplayRow | null> {
  return db.replay.findFirst({ where: { id, workflowId } });
}

export function listReplays(db: Db, versionId: string): Promise<ReplayRow[]> {
  return db.replay.findMany({ where: { versionId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

/** The finished items of the replays, newest event first. */
export function doneItems(db: Db, replayIds: string[]): Promise<Array<ReplayItemRow & { replayId: string }>> {
  return db.replayItem.findMany({
    where: { replayId: { in: replayIds }, status: 'done' },
    orderBy: [{ eventAt: 'desc' }, { id: 'desc' }],
    select: { id: true, replayId: true, liveRunId: true, eventAt: true, simulationRunId: true, diff: true },
  });
}

/** The version's active shadow, locked (a concurrent PUT or DELETE waits). */
export async function lockActiveShadow(db: Db, versionId: string): Promise<ReplayRow | null> {
  const [row] = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM replays WHERE version_id = ${versionId}::uuid AND kind = 'shadow' AND status = 'active'
    FOR UPDATE`;
  return row ? db.replay.findUnique({ where: { id: row.id } }) : null;
}

export function extendShadow(db: Db, id: string, until: Date): Promise<ReplayRow> {
  return db.replay.update({ where: { id }, data: { until } });
}

export function insertShadow(
  db: Db,
  s: {
    workflowId: string;
    versionId: string;
    baseVersionId: string | null;
    until: Date;
    requestedById: string;
    at: Date;
  },
): Promise<ReplayRow> {
  const { at, ...rest } = s;
  return db.replay.create({ data: { ...rest, kind: 'shadow', status: 'active', createdAt: at } });
}

export function endShadow(db: Db, id: string, at: Date, message: string): Promise<ReplayRow> {
  return db.replay.update({ where: { id }, data: { status: 'ended', finishedAt: at, message } });
}

/** Shadows whose period is over are ended (at their `until`); returns how many. */
export function endExpiredShadows(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE replays SET status = 'ended', finished_at = until, message = 'its period ended'
    WHERE kind = 'shadow' AND status = 'active' AND until <= ${now}`;
}

/**
 * One queued item per active shadow of the run's workflow, when the run is a live root run
 * that has ended (not a simulation, not a sub-workflow's child). Repeats add nothing.
 * @returns how many were queued
 */
export function queueShadowItems(db: Db | DbClient, runId: string, now: Date): Promise<number> {
  return db.$executeRaw`
    INSERT INTO replay_items (id, replay_id, live_run_id, event_at, status, created_at)
    SELECT gen_random_uuid(), s.id, r.id, coalesce(e.received_at, r.created_at), 'queued', ${now}
    FROM runs r
    JOIN replays s ON s.workflow_id = r.workflow_id AND s.kind = 'shadow' AND s.status = 'active' AND s.until > ${now}
    LEFT JOIN replay_events e ON e.run_id = r.id
    WHERE r.id = ${runId}::uuid AND r.mode = 'live' AND r.parent_run_id IS NULL
      AND r.status IN ('succeeded', 'failed', 'cancelled')
    ON CONFLICT (replay_id, live_run_id) DO NOTHING`;
}

export interface ClaimedItem {
  id: string;
  replayId: string;
  liveRunId: string;
  eventAt: Date;
  workflowId: string;
  versionId: string;
  requestedById: string | null;
}

/** Claims the oldest queued item, marking it (and a queued replay) running; null when none is free. */
export async function claimReplayItem(db: Db | DbClient): Promise<ClaimedItem | null> {
  const [row] = await db.$queryRaw<ClaimedItem[]>`
    WITH item AS (
      UPDATE replay_items SET status = 'running'
      WHERE id = (
        SELECT id FROM replay_items WHERE status = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
      )
      RETURNING id, replay_id, live_run_id, event_at
    ), started AS (
      UPDATE replays SET status = 'running' FROM item WHERE replays.id = item.replay_id AND replays.status = 'queued'
      RETURNING replays.id
    )
    SELECT item.id::text AS id, item.replay_id::text AS "replayId", item.live_run_id::text AS "liveRunId",
      item.event_at AS "eventAt", r.workflow_id::text AS "workflowId", r.version_id::text AS "versionId",
      r.requested_by_id::text AS "requestedById"
    FROM item JOIN replays r ON r.id = item.replay_id`;
  return row ?? null;
}

export interface ItemResult {
  outcome: string;
  simulationRunId: string | null;
  diff: unknown;
  at: Date;
}

/**
 * Stores a claimed item's diff under a lock of its replay; the last item of a replay marks
 * it done. An item whose row is no longer running (queued again by a restart) is left.
 */
export async function finishReplayItem(db: Db, item: ClaimedItem, r: ItemResult): Promise<void> {
  await db.$queryRaw`SELECT id FROM replays WHERE id = ${item.replayId}::uuid FOR UPDATE`;
  const { count } = await db.replayItem.updateMany({
    where: { id: item.id, status: 'running' },
    data: {
      status: 'done',
      outcome: r.outcome,
      simulationRunId: r.simulationRunId,
      diff: storableJson(r.diff) as Prisma.InputJsonValue,
      finishedAt: r.at,
    },
  });
  if (count === 0) return;
  await db.$executeRaw`
    UPDATE replays SET status = 'done', finished_at = ${r.at}
    WHERE id = ${item.replayId}::uuid AND kind = 'replay' AND status IN ('queued', 'running')
      AND NOT EXISTS (SELECT 1 FROM replay_items i WHERE i.replay_id = replays.id AND i.status <> 'done')`;
}

/** Items left running by a process that stopped are queued again; returns how many. */
export function requeueInterruptedItems(db: Db | DbClient): Promise<number> {
  return db.$executeRaw`UPDATE replay_items SET status = 'queued' WHERE status = 'running'`;
}

/** A live run as the replay compares it: its status, event, path (step ids) and root-run attempts. */
export interface LiveRunRecord {
  id: string;
  status: string;
  mode: string;
  startedAt: Date | null;
  createdAt: Date;
  input: Prisma.JsonValue;
  /** The event as stored for replay (redacted), when it was kept. */
  storedEvent: Prisma.JsonValue | null;
  /** Step ids of completed steps, in completion order. */
  path: string[];
  attempts: Array<{
    stepKey: string;
    stepId: string;
    attempt: number;
    nodeType: string;
    status: string;
    effectClass: string;
    input: Prisma.JsonValue | null;
    output: Prisma.JsonValue | null;
    error: Prisma.JsonValue | null;
    port: string | null;
    startedAt: Date;
    finishedAt: Date | null;
    details: Prisma.JsonValue | null;
  }>;
}

export async function loadLiveRun(db: Db | DbClient, runId: string): Promise<LiveRunRecord | null> {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { id: true, status: true, mode: true, startedAt: true, createdAt: true, input: true },
  });
  if (!run) return null;
  const [event, results, attempts] = await Promise.all([
    db.replayEvent.findUnique({ where: { runId }, select: { event: true } }),
    db.$queryRaw<Array<{ stepId: string }>>`
      SELECT data->>'stepId' AS "stepId" FROM run_results
      WHERE run_id = ${runId}::uuid AND data->>'kind' = 'step'
      ORDER BY (data->>'seq')::int`,
    db.stepRun.findMany({
      where: { runId },
      orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }, { id: 'asc' }],
      select: {
        stepKey: true,
        stepId: true,
        attempt: true,
        nodeType: true,
        status: true,
        effectClass: true,
        input: true,
        output: true,
        error: true,
        port: true,
        startedAt: true,
        finishedAt: true,
        details: true,
      },
    }),
  ]);
  return {
    ...run,
    storedEvent: event?.event ?? null,
    path: results.map((r) => r.stepId),
    attempts,
  };
}

/** Workflows with an active shadow (its period not checked: `endExpiredShadows` runs first). */
export async function activeShadowWorkflows(db: Db | DbClient): Promise<string[]> {
  const rows = await db.replay.findMany({
    where: { kind: 'shadow', status: 'active' },
    distinct: ['workflowId'],
    select: { workflowId: true },
  });
  return rows.map((r) => r.workflowId);
}

/** The summary counts of each replay's finished items (ReplaySummary of @autonomic/api), in one query. */
export interface SummaryRow {
  replayId: string;
  events: number;
  same: number;
  different: number;
  pathChanged: number;
  statusChanged: number;
  effectsAdded: number;
  effectsRemoved: number;
  effectsChanged: number;
  errors: number;
}

export function replaySummaries(db: Db, replayIds: string[]): Promise<SummaryRow[]> {
  const n = (path: string) => Prisma.raw(`coalesce(sum(jsonb_array_length(diff->'effects'->'${path}')), 0)::int`);
  return db.$queryRaw<SummaryRow[]>`
    SELECT replay_id::text AS "replayId", count(*)::int AS events,
      count(*) FILTER (WHERE outcome = 'same')::int AS same,
      count(*) FILTER (WHERE outcome = 'different')::int AS different,
      count(*) FILTER (WHERE outcome = 'error')::int AS errors,
      count(*) FILTER (WHERE (diff->>'pathChanged')::boolean)::int AS "pathChanged",
      count(*) FILTER (WHERE (diff->>'statusChanged')::boolean)::int AS "statusChanged",
      ${n('added')} AS "effectsAdded", ${n('removed')} AS "effectsRemoved", ${n('changed')} AS "effectsChanged"
    FROM replay_items WHERE replay_id = ANY(${replayIds}::uuid[]) AND status = 'done'
    GROUP BY replay_id`;
}
