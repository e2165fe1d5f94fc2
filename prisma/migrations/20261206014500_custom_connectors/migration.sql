-- CreateEnum
CREATE TYPE "custom_connector_status" AS ENUM ('installed', 'pending_review', 'rejected');

-- CreateTable
CREATE TABLE "custom_connector_versions" (
    "id" UUID NOT NULL,
    "connector_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "status" "custom_connector_status" NOT NULL,
    "created_by_id" UUID NOT NULL,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "custom_connector_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "custom_connector_versions_status_idx" ON "custom_connector_versions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "custom_connector_versions_connector_id_version_key" ON "custom_connector_versions"("connector_id", "version");


-- Added by hand (Prisma does not model CHECK constraints and leaves them alone when diffing):
-- the row's id and version are the definition's own, the id is a slug like the format's,
-- and a reviewed row says who reviewed it and when.
ALTER TABLE "custom_connector_versions" ADD CONSTRAINT "custom_connector_versions_id_slug" CHECK ("connector_id" ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length("connector_id") <= 64),
  ADD CONSTRAINT "custom_connector_versions_definition_matches" CHECK (jsonb_typeof("definition") = 'object' AND "definition"->>'id' = "connector_id" AND "definition"->>'version' = "version"),
  ADD CONSTRAINT "custom_connector_versions_reviewed" CHECK (("reviewed_by_id" IS NULL) = ("reviewed_at" IS NULL));
