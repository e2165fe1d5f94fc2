-- CreateTable
CREATE TABLE "workflow_settings_changes" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "changes" JSONB NOT NULL,
    "before" JSONB NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "comment" TEXT,

    CONSTRAINT "workflow_settings_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "workflow_settings_changes_workflow_id_status_idx" ON "workflow_settings_changes"("workflow_id", "status");
