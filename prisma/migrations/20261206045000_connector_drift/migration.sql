-- CreateEnum
CREATE TYPE "connector_drift_kind" AS ENUM ('missing', 'new', 'type');

-- CreateTable
CREATE TABLE "connector_drifts" (
    "id" UUID NOT NULL,
    "connector_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" "connector_drift_kind" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "expected" TEXT NOT NULL,
    "actual" TEXT NOT NULL,
    "required" BOOLEAN,
    "sample" JSONB,
    "failing" BOOLEAN NOT NULL DEFAULT false,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,

    CONSTRAINT "connector_drifts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "connector_drifts_last_seen_at_idx" ON "connector_drifts"("last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "connector_drifts_connector_id_version_action_path_kind_key" ON "connector_drifts"("connector_id", "version", "action", "path", "kind");

-- Added by hand (Prisma does not model CHECK constraints): counts only grow from 1, and an
-- acknowledged row says who acknowledged it and when.
ALTER TABLE "connector_drifts" ADD CONSTRAINT "connector_drifts_count_positive" CHECK ("count" >= 1),
  ADD CONSTRAINT "connector_drifts_acknowledged" CHECK (("acknowledged_at" IS NULL) = ("acknowledged_by_id" IS NULL));
