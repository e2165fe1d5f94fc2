/**
 * Which workflows use a connector: the connector steps of each workflow's published
 * version and of its latest version (the one an upgrade starts from), whatever version
 * they pin. Older versions are history: they never run again unless rolled back, and a
 * rollback goes through publishing.
 */
import type { VersionStatus } from '../generated/prisma/enums';
import type { Db } from './db';

/** One connector step of a published or latest workflow version. */
export interface ConnectorStepUse {
  workflowId: string;
  slug: string;
  name: string;
  ownerId: string;
  number: number;
  status: VersionStatus;
  published: boolean;
  latest: boolean;
  stepId: string;
  /** The pinned version and action as stored (a draft's may be any text). */
  version: string;
  action: string;
}

/**
 * The steps of `connectorId` in published and latest versions, by workflow slug, version
 * number and step id. Drafts that are not an object of steps are read as no steps.
 */
export function connectorStepUses(db: Db, connectorId: string): Promise<ConnectorStepUse[]> {
  return db.$queryRaw<ConnectorStepUse[]>`
    WITH latest AS (
      SELECT DISTINCT ON (workflow_id) id FROM workflow_versions ORDER BY workflow_id, number DESC
    )
    SELECT w.id::text AS "workflowId", w.slug, w.name, w.owner_id::text AS "ownerId", v.number,
      v.status::text AS status,
      (w.published_version_id IS NOT NULL AND v.id = w.published_version_id) AS published,
      (v.id IN (SELECT id FROM latest)) AS latest,
      s.key AS "stepId",
      coalesce(s.value -> 'params' ->> 'version', '') AS version,
      coalesce(s.value -> 'params' ->> 'action', '') AS action
    FROM workflow_versions v
    JOIN workflows w ON w.id = v.workflow_id
    CROSS JOIN LATERAL jsonb_each(
      CASE WHEN jsonb_typeof(v.document -> 'steps') = 'object' THEN v.document -> 'steps' ELSE '{}'::jsonb END
    ) AS s
    WHERE (v.id = w.published_version_id OR v.id IN (SELECT id FROM latest))
      AND s.value ->> 'type' = 'connector'
      AND s.value -> 'params' ->> 'connector' = ${connectorId}
    ORDER BY w.slug, v.number, s.key`;
}
