-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "lease_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_owner" TEXT;

-- AlterTable
ALTER TABLE "step_runs" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "run_results" (
    "run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "run_results_pkey" PRIMARY KEY ("run_id","key")
);

-- AddForeignKey
ALTER TABLE "run_results" ADD CONSTRAINT "run_results_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
