-- A review keeps the base it was requested against (issue 16 §3): the version published
-- at request time. Existing reviews take it from their `version.review_requested` audit
-- line, whose before_hash is the published content hash at that moment.
ALTER TABLE "reviews" ADD COLUMN "base_version_id" UUID;

UPDATE "reviews" r
SET "base_version_id" = base."id"
FROM "audit_events" a, "workflow_versions" v, "workflow_versions" base
WHERE a."action" = 'version.review_requested'
  AND a."details"->>'reviewId' = r."id"::text
  AND v."id" = r."version_id"
  AND base."workflow_id" = v."workflow_id"
  AND base."content_hash" = a."before_hash";
