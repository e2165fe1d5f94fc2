-- CreateTable
CREATE TABLE "workflow_slos" (
    "workflow_id" UUID NOT NULL,
    "objective_percent" DOUBLE PRECISION NOT NULL,
    "latency_seconds" INTEGER NOT NULL,
    "window_days" INTEGER NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_slos_pkey" PRIMARY KEY ("workflow_id")
);

-- CreateIndex
CREATE INDEX "step_runs_status_started_at_idx" ON "step_runs"("status", "started_at");

-- AddForeignKey
ALTER TABLE "workflow_slos" ADD CONSTRAINT "workflow_slos_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma does not model CHECK constraints and leaves them alone when diffing):
-- the same bounds as the API's zod schema, so no writer can store an SLO that means nothing.
ALTER TABLE "workflow_slos" ADD CONSTRAINT "workflow_slos_objective_range" CHECK ("objective_percent" >= 50 AND "objective_percent" < 100),
  ADD CONSTRAINT "workflow_slos_latency_range" CHECK ("latency_seconds" BETWEEN 1 AND 604800),
  ADD CONSTRAINT "workflow_slos_window_range" CHECK ("window_days" BETWEEN 1 AND 90);
