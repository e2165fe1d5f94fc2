/**
 * Credential health probes: one `credential_health` row per credential (when its next
 * scheduled probe is due, what the latest probe said) and a bounded history of probes.
 * A due probe is claimed by moving `next_probe_at` forward in one conditional UPDATE, so
 * any number of server processes may run the probe scheduler and each turn is probed once.
 */
import { Prisma } from '../generated/prisma/client';
import type { CredentialMode } from '../generated/prisma/enums';
import type { Db } from './db';

/** Probes kept per credential; older ones are deleted as new ones come. */
export const PROBE_HISTORY = 50;

export type ProbeSource = 'schedule' | 'manual';

export interface ProbeRecord {
  at: Date;
  ok: boolean;
  status: number | null;
  message: string;
  ms: number;
  source: ProbeSource;
}

/** A credential as the probes see it, with its latest probe (null: never probed). */
export interface CredentialHealthRow {
  credentialId: string;
  name: string;
  connectorId: string;
  mode: CredentialMode;
  nextProbeAt: Date | null;
  last: Omit<ProbeRecord, 'source'> | null;
}

/** What the scheduler wants of one credential: probed every `everyMs`, or not scheduled (null). */
export interface ScheduleWish {
  credentialId: string;
  everyMs: number | null;
}

interface HealthSqlRow {
  credential_id: string;
  name: string;
  connector_id: string;
  mode: CredentialMode;
  next_probe_at: Date | null;
  last_probe_at: Date | null;
  last_ok: boolean | null;
  last_status: number | null;
  last_message: string | null;
  last_ms: number | null;
}

function healthOf(r: HealthSqlRow): CredentialHealthRow {
  const last =
    r.last_probe_at && r.last_ok !== null
      ? {
          at: r.last_probe_at,
          ok: r.last_ok,
          status: r.last_status,
          message: r.last_message ?? '',
          ms: r.last_ms ?? 0,
        }
      : null;
  return {
    credentialId: r.credential_id,
    name: r.name,
    connectorId: r.connector_id,
    mode: r.mode,
    nextProbeAt: r.next_probe_at,
    last,
  };
}

/** Every credential (or those named) with its latest probe, in one query. */
export async function credentialHealth(db: Db, names?: readonly string[]): Promise<CredentialHealthRow[]> {
  const where = names ? Prisma.sql`WHERE c.name = ANY(${[...names]}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<HealthSqlRow[]>`
    SELECT c.id::text AS credential_id, c.name, c.connector_id, c.mode,
      h.next_probe_at, h.last_probe_at, h.last_ok, h.last_status, h.last_message, h.last_ms
    FROM connector_credentials c LEFT JOIN credential_health h ON h.credential_id = c.id
    ${where}
    ORDER BY c.name`;
  return rows.map(healthOf);
}

/**
 * Brings the schedule in line with the credentials: a credential newly scheduled is due at
 * `now`; a changed interval takes effect at once when it brings the next probe nearer;
 * `everyMs: null` unschedules (the latest result stays).
 */
export async function syncSchedules(db: Db, wishes: readonly ScheduleWish[], now: Date): Promise<void> {
  const on = wishes.filter((w): w is ScheduleWish & { everyMs: number } => w.everyMs !== null);
  const off = wishes.filter((w) => w.everyMs === null).map((w) => w.credentialId);
  if (on.length > 0) {
    await db.$executeRaw`
      INSERT INTO credential_health (credential_id, every_ms, next_probe_at)
      SELECT w.id, w.every_ms, ${now}::timestamptz
      FROM unnest(${on.map((w) => w.credentialId)}::uuid[], ${on.map((w) => w.everyMs)}::int[]) AS w(id, every_ms)
      JOIN connector_credentials c ON c.id = w.id
      ON CONFLICT (credential_id) DO UPDATE SET
        every_ms = EXCLUDED.every_ms,
        next_probe_at = CASE
          WHEN credential_health.next_probe_at IS NULL THEN EXCLUDED.next_probe_at
          ELSE LEAST(credential_health.next_probe_at, ${now}::timestamptz + EXCLUDED.every_ms * interval '1 millisecond')
        END
      WHERE credential_health.every_ms <> EXCLUDED.every_ms OR credential_health.next_probe_at IS NULL`;
  }
  if (off.length > 0) {
    await db.$executeRaw`
      UPDATE credential_health SET next_probe_at = NULL
      WHERE credential_id = ANY(${off}::uuid[]) AND next_probe_at IS NOT NULL`;
  }
}

/**
 * Claims the probes due at `now` (at most `limit`, the most overdue first): their next
 * probe moves one interval past `now` in the same statement. Rows another process is
 * claiming are skipped, and a row it has just claimed no longer matches.
 * @returns the claimed credentials' ids
 */
export async function claimDueProbes(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ credential_id: string }[]>`
    UPDATE credential_health h
    SET next_probe_at = ${now}::timestamptz + h.every_ms * interval '1 millisecond'
    WHERE h.credential_id IN (
      SELECT credential_id FROM credential_health
      WHERE next_probe_at <= ${now}::timestamptz
      ORDER BY next_probe_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) AND h.next_probe_at <= ${now}::timestamptz
    RETURNING h.credential_id::text AS credential_id`;
  return rows.map((r) => r.credential_id);
}

/** The earliest scheduled probe, or undefined when none is scheduled. */
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`SELECT min(next_probe_at) AS at FROM credential_health`;
  return row?.at ?? undefined;
}

/**
 * Stores a probe as the credential's latest (unless a later one is stored already) and in
 * its history, which keeps the last `PROBE_HISTORY`. `everyMs` is the interval to record
 * when the credential has no health row yet (a manual probe before the first sync).
 */
export async function recordProbe(db: Db, credentialId: string, probe: ProbeRecord, everyMs: number): Promise<void> {
  await db.credentialProbe.create({ data: { credentialId, ...probe } });
  await db.$executeRaw`
    INSERT INTO credential_health
      (credential_id, every_ms, last_probe_at, last_ok, last_status, last_message, last_ms)
    VALUES (${credentialId}::uuid, ${everyMs}, ${probe.at}, ${probe.ok}, ${probe.status}, ${probe.message}, ${probe.ms})
    ON CONFLICT (credential_id) DO UPDATE SET
      last_probe_at = EXCLUDED.last_probe_at, last_ok = EXCLUDED.last_ok, last_status = EXCLUDED.last_status,
      last_message = EXCLUDED.last_message, last_ms = EXCLUDED.last_ms
    WHERE credential_health.last_probe_at IS NULL OR credential_health.last_probe_at <= EXCLUDED.last_probe_at`;
  await db.$executeRaw`
    DELETE FROM credential_probes WHERE credential_id = ${credentialId}::uuid AND id NOT IN (
      SELECT id FROM credential_probes WHERE credential_id = ${credentialId}::uuid
      ORDER BY at DESC, id DESC LIMIT ${PROBE_HISTORY})`;
}

/**
 * Forgets the latest result (the credential's settings or base URL changed, so it says
 * nothing any more) and makes a scheduled probe due at `now`; the history stays.
 */
export async function forgetLatestProbe(db: Db, credentialId: string, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE credential_health SET last_probe_at = NULL, last_ok = NULL, last_status = NULL, last_message = NULL,
      last_ms = NULL, next_probe_at = CASE WHEN next_probe_at IS NULL THEN NULL ELSE ${now}::timestamptz END
    WHERE credential_id = ${credentialId}::uuid`;
}

/** A credential's probes, newest first. */
export async function probeHistory(db: Db, credentialId: string, limit = PROBE_HISTORY): Promise<ProbeRecord[]> {
  const rows = await db.credentialProbe.findMany({
    where: { credentialId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { at: true, ok: true, status: true, message: true, ms: true, source: true },
  });
  return rows.map((r) => ({ ...r, source: r.source === 'manual' ? 'manual' : 'schedule' }));
}

/** A workflow that names a credential in its published or latest version. */
export interface CredentialUse {
  workflowId: string;
  workflowName: string;
  /** The credential named, for a current-format document; null for an older format (the caller migrates `document`). */
  credential: string | null;
  document: unknown;
}

/**
 * The workflows whose published or latest version has a connector step naming one of
 * `names` (a JSON path over current-format documents, so the cost does not grow with
 * every document parsed), plus those versions stored in an older format, which only
 * migration can tell (their `document` comes back for the caller to migrate).
 */
export async function workflowsUsing(
  db: Db,
  names: readonly string[],
  formatVersion: number,
  workflowIds?: readonly string[],
): Promise<CredentialUse[]> {
  if (names.length === 0) return [];
  const only = workflowIds ? Prisma.sql`AND w.id = ANY(${[...workflowIds]}::uuid[])` : Prisma.empty;
  const rows = await db.$queryRaw<
    { workflow_id: string; workflow_name: string; credential: string | null; document: unknown }[]
  >`
    WITH versions AS (
      SELECT w.id AS workflow_id, w.name AS workflow_name, v.document
      FROM workflows w
      JOIN workflow_versions v ON v.id = w.published_version_id OR v.id = (
        SELECT lv.id FROM workflow_versions lv WHERE lv.workflow_id = w.id ORDER BY lv.number DESC LIMIT 1)
      WHERE TRUE ${only}
    )
    SELECT DISTINCT workflow_id::text AS workflow_id, workflow_name, c.name AS credential, NULL::jsonb AS document
    FROM versions,
      LATERAL jsonb_path_query(document, 'lax $.steps.* ? (@.type == "connector").params.credential') AS p(cred),
      LATERAL (SELECT p.cred #>> '{}' AS name) c
    WHERE (document ->> 'formatVersion') = ${String(formatVersion)} AND c.name = ANY(${[...names]}::text[])
    UNION ALL
    SELECT workflow_id::text, workflow_name, NULL, document FROM versions
    WHERE (document ->> 'formatVersion') IS DISTINCT FROM ${String(formatVersion)}`;
  return rows.map((r) => ({
    workflowId: r.workflow_id,
    workflowName: r.workflow_name,
    credential: r.credential,
    document: r.document,
  }));
}
