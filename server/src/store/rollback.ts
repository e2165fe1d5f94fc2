/**
 * What the rollback policy reads and writes (services/workflows/rollback.ts): when a
 * version was published and what it replaced, the live runs of a version in the window
 * after that, and the policy's verdict kept on the version (at most one per version).
 */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import { num } from './dashboard-sql';

/** What the policy decided for a version, as stored in `rollback_verdict`. */
export interface RollbackVerdict {
  /** `rolled_back`: the previous version is published again; `no_previous`: nothing to go back to, only told. */
  outcome: 'rolled_back' | 'no_previous';
  at: string;
  fromNumber: number;
  toNumber: number | null;
  burnRate: number;
  runs: number;
  failures: number;
  windowMinutes: number;
}

/** A workflow's published version as the policy sees it. */
export interface RollbackCandidate {
  workflowId: string;
  autoRollback: boolean;
  versionId: string;
  number: number;
  contentHash: string;
  publishedAt: Date | null;
  previousVersionId: string | null;
  /** The verdict already given to this version, if any. */
  decided: boolean;
}

/** Called by publish: the version is published now, replacing `previousVersionId` (null: the first publish). */
export async function markPublished(
  db: Db,
  versionId: string,
  at: Date,
  previousVersionId: string | null,
): Promise<void> {
  await db.workflowVersion.update({ where: { id: versionId }, data: { publishedAt: at, previousVersionId } });
}

/** The workflow's published version (null when none is published). One statement: it runs after every live run. */
export async function rollbackCandidate(db: Db, workflowId: string): Promise<RollbackCandidate | null> {
  const [row] = await db.$queryRaw<RollbackCandidate[]>(Prisma.sql`
    SELECT w.id::text AS "workflowId", w.auto_rollback AS "autoRollback", v.id::text AS "versionId", v.number,
      v.content_hash AS "contentHash", v.published_at AS "publishedAt",
      v.previous_version_id::text AS "previousVersionId", (v.rollback_verdict IS NOT NULL) AS decided
    FROM workflows w JOIN workflow_versions v ON v.id = w.published_version_id
    WHERE w.id = ${workflowId}::uuid`);
  return row ?? null;
}

/** Workflows whose published version was published after `since` and has no verdict yet. */
export async function recentlyPublished(db: Db, since: Date): Promise<string[]> {
  const rows = await db.workflow.findMany({
    where: {
      autoRollback: true,
      publishedVersion: { publishedAt: { gt: since }, rollbackVerdict: { equals: Prisma.DbNull } },
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Finished (succeeded or failed) live runs of a version that finished in `[from, to]`, those
 * that succeeded within `latencySeconds` (the SLO's "good", as dashboard-slos counts it) and
 * those that failed.
 */
export async function burnCounts(
  db: Db,
  opts: { versionId: string; from: Date; to: Date; latencySeconds: number },
): Promise<{ total: number; good: number; failed: number }> {
  const [row] = await db.$queryRaw<Array<{ total: bigint; good: bigint; failed: bigint }>>(Prisma.sql`
    SELECT count(*) AS total, count(*) FILTER (WHERE r.status = 'failed'::run_status) AS failed,
      count(*) FILTER (WHERE r.status = 'succeeded'::run_status
        AND r.finished_at - coalesce(r.started_at, r.created_at) <= ${opts.latencySeconds}::int * interval '1 second') AS good
    FROM runs r
    WHERE r.version_id = ${opts.versionId}::uuid AND r.mode = 'live'::run_mode AND r.status IN ('succeeded', 'failed')
      AND r.finished_at >= ${opts.from}::timestamptz AND r.finished_at <= ${opts.to}::timestamptz`);
  return row
    ? { total: num(row.total), good: num(row.good), failed: num(row.failed) }
    : { total: 0, good: 0, failed: 0 };
}

/** Stores the verdict; `rolledBack` also stamps `rolled_back_at`. */
export async function recordVerdict(db: Db, versionId: string, verdict: RollbackVerdict): Promise<void> {
  await db.workflowVersion.update({
    where: { id: versionId },
    data: {
      rollbackVerdict: { ...verdict },
      ...(verdict.outcome === 'rolled_back' ? { rolledBackAt: new Date(verdict.at) } : {}),
    },
  });
}

/** Verdicts of the given versions, by version id (versions without one are left out). */
export async function verdictsOf(db: Db, versionIds: readonly string[]): Promise<Map<string, RollbackVerdict>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.workflowVersion.findMany({
    where: { id: { in: [...versionIds] }, rollbackVerdict: { not: Prisma.DbNull } },
    select: { id: true, rollbackVerdict: true },
  });
  const out = new Map<string, RollbackVerdict>();
  for (const r of rows) {
    const v = parseVerdict(r.rollbackVerdict);
    if (v) out.set(r.id, v);
  }
  return out;
}

function parseVerdict(v: Prisma.JsonValue): RollbackVerdict | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const n = (k: string) => (typeof v[k] === 'number' ? v[k] : 0);
  const outcome = v['outcome'] === 'rolled_back' || v['outcome'] === 'no_previous' ? v['outcome'] : undefined;
  if (!outcome) return undefined;
  return {
    outcome,
    at: typeof v['at'] === 'string' ? v['at'] : new Date(0).toISOString(),
    fromNumber: n('fromNumber'),
    toNumber: typeof v['toNumber'] === 'number' ? v['toNumber'] : null,
    burnRate: n('burnRate'),
    runs: n('runs'),
    failures: n('failures'),
    windowMinutes: n('windowMinutes'),
  };
}
