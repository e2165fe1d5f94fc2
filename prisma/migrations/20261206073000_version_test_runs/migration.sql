-- CreateEnum
CREATE TYPE "test_run_status" AS ENUM ('queued', 'running', 'passed', 'failed', 'error');

-- CreateTable
CREATE TABLE "version_test_runs" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "content_hash" TEXT NOT NULL,
    "status" "test_run_status" NOT NULL DEFAULT 'queued',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "cases" JSONB NOT NULL DEFAULT '[]',
    "coverage" JSONB,
    "message" TEXT,
    "requested_by_id" UUID,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "version_test_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "version_test_runs_version_id_key" ON "version_test_runs"("version_id");

-- CreateIndex
CREATE INDEX "version_test_runs_status_requested_at_idx" ON "version_test_runs"("status", "requested_at");

-- AddForeignKey
ALTER TABLE "version_test_runs" ADD CONSTRAINT "version_test_runs_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "workflow_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma does not model CHECK constraints): a finished run has started, and a
-- queued one has neither started nor finished.
ALTER TABLE "version_test_runs" ADD CONSTRAINT "version_test_runs_finished_after_start"
  CHECK ("finished_at" IS NULL OR "started_at" IS NOT NULL),
  ADD CONSTRAINT "version_test_runs_generation_positive" CHECK ("generation" >= 1);
