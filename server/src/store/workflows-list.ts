/**
 * The workflow list in one statement: lateral joins pick each workflow's latest version
 * and last live run, so the list costs one round trip whatever its length.
 */
import { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import type { RunStatus, VersionStatus } from '../generated/prisma/enums';

export interface WorkflowListFilter {
  /** Part of the name or slug, case-insensitive. */
  search?: string;
  /** `published`: has a published version; otherwise the latest version's status. */
  status?: VersionStatus;
  ownerId?: string;
  limit: number;
  offset: number;
}

export interface WorkflowListRow {
  id: string;
  slug: string;
  name: string;
  ownerId: string;
  ownerUsername: string;
  ownerDisplayName: string;
  killSwitch: boolean;
  createdAt: Date;
  publishedNumber: number | null;
  latestNumber: number | null;
  latestStatus: VersionStatus | null;
  latestSavedAt: Date | null;
  /** From the latest version's metadata; a draft's may be anything, so it is checked by the caller. */
  tags: unknown;
  severity: string | null;
  lastRunStatus: RunStatus | null;
  lastRunAt: Date | null;
  lastRunFinishedAt: Date | null;
}

/** `%` and `_` in a search are literal. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(f: WorkflowListFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.search) {
    const p = likePattern(f.search);
    parts.push(Prisma.sql`(w.name ILIKE ${p} OR w.slug ILIKE ${p})`);
  }
  if (f.ownerId) parts.push(Prisma.sql`w.owner_id = ${f.ownerId}::uuid`);
  if (f.status === 'published') parts.push(Prisma.sql`w.published_version_id IS NOT NULL`);
  else if (f.status) parts.push(Prisma.sql`lv.status::text = ${f.status}`);
  return Prisma.join(parts, ' AND ');
}

export async function listWorkflowRows(db: Db, f: WorkflowListFilter): Promise<WorkflowListRow[]> {
  return db.$queryRaw<WorkflowListRow[]>`
    SELECT w.id::text AS "id", w.slug, w.name, w.owner_id::text AS "ownerId",
      u.username AS "ownerUsername", u.display_name AS "ownerDisplayName",
      w.kill_switch AS "killSwitch", w.created_at AS "createdAt",
      pv.number AS "publishedNumber",
      lv.number AS "latestNumber", lv.status::text AS "latestStatus", lv.created_at AS "latestSavedAt",
      lv.document -> 'metadata' -> 'tags' AS "tags",
      lv.document -> 'metadata' ->> 'severity' AS "severity",
      lr.status::text AS "lastRunStatus", lr.created_at AS "lastRunAt", lr.finished_at AS "lastRunFinishedAt"
    FROM workflows w
    JOIN users u ON u.id = w.owner_id
    LEFT JOIN workflow_versions pv ON pv.id = w.published_version_id
    LEFT JOIN LATERAL (
      SELECT v.number, v.status, v.created_at, v.document FROM workflow_versions v
      WHERE v.workflow_id = w.id ORDER BY v.number DESC LIMIT 1
    ) lv ON TRUE
    LEFT JOIN LATERAL (
      SELECT r.status, r.created_at, r.finished_at FROM runs r
      WHERE r.workflow_id = w.id AND r.mode = 'live' ORDER BY r.created_at DESC LIMIT 1
    ) lr ON TRUE
    WHERE ${whereOf(f)}
    ORDER BY lower(w.name), w.id
    LIMIT ${f.limit} OFFSET ${f.offset}`;
}
