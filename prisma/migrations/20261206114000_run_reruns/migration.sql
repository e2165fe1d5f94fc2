-- Re-runs of a failed run (issue 16 §1): the run it repeats and the step it started from.
ALTER TABLE "runs" ADD COLUMN "rerun_of_id" UUID;
ALTER TABLE "runs" ADD COLUMN "rerun_from_step" TEXT;

CREATE INDEX "runs_rerun_of_id_idx" ON "runs"("rerun_of_id");
