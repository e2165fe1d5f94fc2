/**
 * Custom connector versions: admins' own connector definitions, one row per version. The
 * definition is stored as given (already parsed); a row never changes but for its review.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { CustomConnectorStatus } from '../generated/prisma/enums';
import type { Db } from './db';

export type { CustomConnectorStatus } from '../generated/prisma/enums';

export interface CustomConnectorRow {
  id: string;
  connectorId: string;
  version: string;
  /** The definition as stored; the service parses it again before use. */
  definition: unknown;
  status: CustomConnectorStatus;
  createdById: string;
  reviewedById: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored workflow version that pins a connector version in one of its steps. */
export interface ConnectorPin {
  workflowId: string;
  slug: string;
  number: number;
  stepId: string;
}

/** Every version of every custom connector, oldest first: the catalog and the list read these. */
export async function listCustomConnectorVersions(
  db: Db | PrismaClient,
  filter: { status?: CustomConnectorStatus; connectorId?: string } = {},
): Promise<CustomConnectorRow[]> {
  return db.customConnectorVersion.findMany({ where: filter, orderBy: [{ connectorId: 'asc' }, { createdAt: 'asc' }] });
}

export async function findCustomConnectorVersion(
  db: Db,
  connectorId: string,
  version: string,
): Promise<CustomConnectorRow | undefined> {
  return (
    (await db.customConnectorVersion.findUnique({ where: { connectorId_version: { connectorId, version } } })) ??
    undefined
  );
}

/**
 * Serialises writers of one connector id until the transaction ends, so that "is this
 * version newer than the stored ones" and the insert see the same rows.
 */
export async function lockConnectorId(tx: Db, connectorId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`custom_connector:${connectorId}`}))`;
}

/** @returns undefined when (connectorId, version) is already stored */
export async function insertCustomConnectorVersion(
  db: Db,
  data: {
    connectorId: string;
    version: string;
    /** A parsed definition: plain JSON data. */
    definition: object;
    status: CustomConnectorStatus;
    createdById: string;
  },
): Promise<CustomConnectorRow | undefined> {
  try {
    // Prisma types JSON columns structurally; a parsed definition is JSON by construction.
    return await db.customConnectorVersion.create({
      data: { ...data, definition: data.definition as Prisma.InputJsonValue },
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return undefined;
    throw e;
  }
}

/**
 * Moves a pending version to `to`, recording the reviewer.
 * @returns undefined when the version is not (or no longer) pending
 */
export async function reviewCustomConnectorVersion(
  db: Db,
  key: { connectorId: string; version: string },
  review: { to: Exclude<CustomConnectorStatus, 'pending_review'>; reviewedById: string; at: Date },
): Promise<CustomConnectorRow | undefined> {
  const moved = await db.customConnectorVersion.updateMany({
    where: { ...key, status: 'pending_review' },
    data: { status: review.to, reviewedById: review.reviewedById, reviewedAt: review.at },
  });
  return moved.count === 1 ? findCustomConnectorVersion(db, key.connectorId, key.version) : undefined;
}

/** @returns whether a row was deleted */
export async function deleteCustomConnectorVersion(db: Db, connectorId: string, version: string): Promise<boolean> {
  const gone = await db.customConnectorVersion.deleteMany({ where: { connectorId, version } });
  return gone.count > 0;
}

/**
 * The stored workflow versions (any status) with a connector step pinned to this version.
 * Drafts may hold documents that do not parse: anything that is not an object of steps is
 * read as no steps, never as an error.
 */
export async function workflowVersionsPinning(db: Db, connectorId: string, version: string): Promise<ConnectorPin[]> {
  return db.$queryRaw<ConnectorPin[]>`
    SELECT w.id::text AS "workflowId", w.slug, v.number, s.key AS "stepId"
    FROM workflow_versions v
    JOIN workflows w ON w.id = v.workflow_id
    CROSS JOIN LATERAL jsonb_each(
      CASE WHEN jsonb_typeof(v.document -> 'steps') = 'object' THEN v.document -> 'steps' ELSE '{}'::jsonb END
    ) AS s
    WHERE s.value ->> 'type' = 'connector'
      AND s.value -> 'params' ->> 'connector' = ${connectorId}
      AND s.value -> 'params' ->> 'version' = ${version}
    ORDER BY w.slug, v.number, s.key`;
}
