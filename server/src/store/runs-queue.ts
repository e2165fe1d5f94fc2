/**
 * The work queue's SQL, on the runs table itself: a run is work when nobody holds its
 * lease (or the lease expired: its process died) and it is queued, running, waiting with
 * its `wakeAt` come, or waiting on sub-workflow runs that have all ended. Claims take
 * rows with FOR UPDATE SKIP LOCKED, so concurrent claimers never get the same run.
 */
import { NOTIFY_CHANNEL } from './runs-commit';
import { ms, ts, type Sql } from './runs-sql';

const ENGINE_ID = `coalesce(r.state->'record'->>'id', r.id::text)`;
const ENDED = `('succeeded', 'failed', 'cancelled')`;

const CLAIM = `WITH c AS (
    SELECT r.id FROM runs r
    WHERE (r.lease_expires_at IS NULL OR r.lease_expires_at < now())
      AND (r.status IN ('queued', 'running')
        OR (r.status = 'waiting' AND r.wake_at <= ${ts('$3')})
        OR (r.status = 'waiting' AND r.wake_at IS NULL
          AND EXISTS (SELECT 1 FROM runs k WHERE k.parent_run_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM runs k WHERE k.parent_run_id = r.id AND k.status NOT IN ${ENDED})))
    ORDER BY coalesce(r.wake_at, r.created_at)
    LIMIT $2::int
    FOR UPDATE SKIP LOCKED)
  UPDATE runs r SET lease_owner = $1::text, lease_expires_at = now() + $4::int * interval '1 millisecond'
  FROM c WHERE r.id = c.id
  RETURNING ${ENGINE_ID} AS id`;

/** Claims up to `limit` runs for `workerId`; returns their engine ids. */
export async function claimRuns(sql: Sql, workerId: string, limit: number, now: number, leaseMs: number) {
  const rows = await sql.query<{ id: string }>(CLAIM, [workerId, limit, now, leaseMs]);
  return rows.map((r) => r.id);
}

export async function renewLeases(sql: Sql, workerId: string, dbIds: readonly string[], leaseMs: number) {
  if (dbIds.length === 0) return;
  await sql.query(
    `UPDATE runs SET lease_expires_at = now() + $3::int * interval '1 millisecond'
      WHERE id = ANY($2::uuid[]) AND lease_owner = $1::text`,
    [workerId, dbIds, leaseMs],
  );
}

/** Gives runs back to the queue (nobody drives them here any more); tells other processes. */
export async function releaseLeases(sql: Sql, workerId: string, dbIds: readonly string[]) {
  if (dbIds.length === 0) return;
  await sql.query(
    `WITH u AS (UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL
        WHERE id = ANY($2::uuid[]) AND lease_owner = $1::text RETURNING id)
      SELECT pg_notify('${NOTIFY_CHANNEL}', $1::text || ' - work') FROM (SELECT 1 FROM u LIMIT 1) x`,
    [workerId, dbIds],
  );
}

/** Makes a run claimable now, whoever holds it, and tells the executors. */
export async function enqueueRun(sql: Sql, workerId: string, dbId: string) {
  await sql.query(
    `WITH u AS (UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL
        WHERE id = $2::uuid AND status NOT IN ${ENDED} RETURNING id)
      SELECT pg_notify('${NOTIFY_CHANNEL}', $1::text || ' - work') FROM u`,
    [workerId, dbId],
  );
}

/**
 * When the queue next has work that nobody is told about: the earliest wake time of a
 * waiting run, or lease expiry of a run whose process may have died.
 */
export async function nextWorkAt(sql: Sql): Promise<number | undefined> {
  const [row] = await sql.query<{ at: number | null }>(
    `SELECT least(
        (SELECT ${ms('min(wake_at)')} FROM runs WHERE status = 'waiting' AND wake_at IS NOT NULL),
        (SELECT ${ms('min(lease_expires_at)')} FROM runs WHERE status IN ('queued', 'running')
          AND lease_expires_at IS NOT NULL)) AS at`,
    [],
  );
  return row?.at ?? undefined;
}

/**
 * The liveness lock of an executor: a session-level advisory lock on its worker id, held on
 * a connection of its own for as long as the process lives. PostgreSQL drops it the moment
 * that session ends, so whoever can take it knows the executor is gone. (64-bit key: two
 * ids sharing one would only make a dead executor look alive, i.e. wait for its leases.)
 */
export const HOLD_LIVENESS = `SELECT pg_advisory_lock(hashtextextended($1::text, 0))`;

/**
 * Frees the runs leased to executors that are gone: owners of unfinished leases (other than
 * `workerId`) whose liveness lock this statement can take, for the statement only
 * (`pg_try_advisory_xact_lock`; a live owner's session lock refuses it). Their runs become
 * claimable now instead of when the leases expire, and the executors are told. Returns the
 * dead owners with how many runs each had.
 */
export async function reclaimDeadOwners(sql: Sql, workerId: string): Promise<{ owner: string; runs: number }[]> {
  return sql.query<{ owner: string; runs: number }>(
    `WITH dead AS MATERIALIZED (
        SELECT o.owner FROM (SELECT DISTINCT lease_owner AS owner FROM runs
            WHERE lease_owner IS NOT NULL AND lease_owner <> $1::text AND status IN ('queued', 'running')) o
          WHERE pg_try_advisory_xact_lock(hashtextextended(o.owner, 0))),
      u AS (UPDATE runs r SET lease_owner = NULL, lease_expires_at = NULL FROM dead
          WHERE r.lease_owner = dead.owner AND r.status IN ('queued', 'running')
          RETURNING dead.owner),
      n AS (SELECT pg_notify('${NOTIFY_CHANNEL}', $1::text || ' - work') FROM (SELECT 1 FROM u LIMIT 1) x)
    SELECT owner, count(*)::int AS runs FROM u, (SELECT count(*) FROM n) k GROUP BY owner`,
    [workerId],
  );
}
