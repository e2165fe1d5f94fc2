-- Automatic rollback by policy (issue 15 §3): a per-workflow switch, and on each version
-- when it was last published, what it replaced then, and the policy's verdict. The
-- immutability trigger names the columns it guards, so these may change like `status`.
ALTER TABLE "workflows" ADD COLUMN "auto_rollback" BOOLEAN NOT NULL DEFAULT true;

ALTER TABLE "workflow_versions"
  ADD COLUMN "published_at" TIMESTAMPTZ(3),
  ADD COLUMN "previous_version_id" UUID,
  ADD COLUMN "rollback_verdict" JSONB,
  ADD COLUMN "rolled_back_at" TIMESTAMPTZ(3);

