/**
 * Connector drift rows (server/src/connectors/drift.ts finds them): one per (connector,
 * version, action, path, kind), counted up by one upsert per answer, read by the drift
 * list, the connector health view and /metrics. Samples come in already masked.
 */
import { Prisma } from '../generated/prisma/client';
import type { ConnectorDriftKind } from '../generated/prisma/enums';
import { newId } from '../db/ids';
import type { Db } from './db';

export type { ConnectorDriftKind } from '../generated/prisma/enums';

export interface ConnectorDriftRow {
  id: string;
  connectorId: string;
  version: string;
  action: string;
  path: string;
  kind: ConnectorDriftKind;
  count: number;
  expected: string;
  actual: string;
  required: boolean | null;
  sample: Prisma.JsonValue;
  failing: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
}

/** One finding of one answer, as recorded. */
export interface DriftSighting {
  path: string;
  kind: ConnectorDriftKind;
  expected: string;
  actual: string;
  required?: boolean | undefined;
  /** Masked already (redactedSample); none for a missing field. */
  sample?: unknown;
}

/** Per connector id: answers' findings counted (`events`), rows not acknowledged (`open`), the latest sighting. */
export interface DriftCount {
  events: number;
  open: number;
  /**
   * Open rows that break what a playbook reads: a type change, or a required field gone.
   * New fields and missing optional ones are recorded but break nothing (a definition may
   * declare only the fields playbooks use).
   */
  breaking: number;
  lastSeenAt: Date;
}

/** One (connector, version, action, path, kind) seen `times` more times, as of `at`. */
export interface DriftDelta extends DriftSighting {
  connectorId: string;
  version: string;
  action: string;
  /** Whether the latest answer showing it failed the response schema check. */
  failing: boolean;
  /** The latest sighting. */
  at: Date;
  /** @default 1 */
  times?: number | undefined;
}

/**
 * Records sightings in one statement: a new row per new key, `+times` on a known one with
 * its latest types, sample and failing flag, and any acknowledgement cleared (it was seen
 * again). Keys must be unique within one call (ON CONFLICT cannot touch a row twice).
 */
export async function recordDriftDeltas(db: Db, deltas: readonly DriftDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map(
    (d) =>
      Prisma.sql`(${newId(d.at.getTime())}::uuid, ${d.connectorId}, ${d.version}, ${d.action}, ${d.path},
        ${d.kind}::connector_drift_kind, ${d.times ?? 1}::int, ${d.expected}, ${d.actual}, ${d.required ?? null}::boolean,
        ${json(d.sample)}::jsonb, ${d.failing}, ${d.at}, ${d.at})`,
  );
  await db.$executeRaw`
    INSERT INTO connector_drifts AS d (id, connector_id, version, action, path, kind, count, expected, actual, required,
      sample, failing, first_seen_at, last_seen_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (connector_id, version, action, path, kind) DO UPDATE SET
      count = d.count + EXCLUDED.count,
      expected = EXCLUDED.expected,
      actual = EXCLUDED.actual,
      required = EXCLUDED.required,
      sample = EXCLUDED.sample,
      failing = EXCLUDED.failing,
      last_seen_at = GREATEST(d.last_seen_at, EXCLUDED.last_seen_at),
      acknowledged_at = NULL,
      acknowledged_by_id = NULL`;
}

/** Records the findings of one answer (drift.ts dedupes them by path and kind). */
export async function recordDrift(
  db: Db,
  answer: { connectorId: string; version: string; action: string; failed: boolean; at: Date },
  findings: readonly DriftSighting[],
): Promise<void> {
  const { failed, ...key } = answer;
  await recordDriftDeltas(
    db,
    findings.map((f) => ({ ...f, ...key, failing: failed })),
  );
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Keyed by connector id. */
export async function driftCounts(db: Db): Promise<Map<string, DriftCount>> {
  const rows = await db.$queryRaw<
    { connector_id: string; events: bigint; open: bigint; breaking: bigint; last_seen_at: Date }[]
  >`
    SELECT connector_id, sum(count)::bigint AS events,
      count(*) FILTER (WHERE acknowledged_at IS NULL) AS open,
      count(*) FILTER (WHERE acknowledged_at IS NULL AND (kind = 'type' OR (kind = 'missing' AND required)))
        AS breaking,
      max(last_seen_at) AS last_seen_at
    FROM connector_drifts GROUP BY connector_id`;
  return new Map(
    rows.map((r) => [
      r.connector_id,
      { events: Number(r.events), open: Number(r.open), breaking: Number(r.breaking), lastSeenAt: r.last_seen_at },
    ]),
  );
}

/** Summed counts per (connector, action, kind): what /metrics exports. */
export async function driftEventCounts(
  db: Db,
): Promise<{ connector: string; action: string; kind: ConnectorDriftKind; count: number }[]> {
  const rows = await db.connectorDrift.groupBy({
    by: ['connectorId', 'action', 'kind'],
    _sum: { count: true },
    orderBy: [{ connectorId: 'asc' }, { action: 'asc' }, { kind: 'asc' }],
  });
  return rows.map((r) => ({ connector: r.connectorId, action: r.action, kind: r.kind, count: r._sum.count ?? 0 }));
}

export interface DriftFilter {
  connectorId?: string | undefined;
  /** Only rows not acknowledged. */
  open?: boolean | undefined;
  limit: number;
}

/** Most recently seen first. */
export async function listDrift(db: Db, f: DriftFilter): Promise<ConnectorDriftRow[]> {
  return db.connectorDrift.findMany({
    where: {
      ...(f.connectorId !== undefined ? { connectorId: f.connectorId } : {}),
      ...(f.open ? { acknowledgedAt: null } : {}),
    },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
    take: f.limit,
  });
}

export async function findDrift(db: Db, id: string): Promise<ConnectorDriftRow | undefined> {
  return (await db.connectorDrift.findUnique({ where: { id } })) ?? undefined;
}

/** @returns undefined when there is no such row */
export async function acknowledgeDrift(
  db: Db,
  id: string,
  by: { userId: string; at: Date },
): Promise<ConnectorDriftRow | undefined> {
  const done = await db.connectorDrift.updateMany({
    where: { id },
    data: { acknowledgedAt: by.at, acknowledgedById: by.userId },
  });
  return done.count === 0 ? undefined : findDrift(db, id);
}
