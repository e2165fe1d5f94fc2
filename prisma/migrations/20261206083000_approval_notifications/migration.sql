-- Approval notifications (messages, reminders, pages) and signed one-time decision links.
CREATE TABLE "approval_notifications" (
    "id" UUID NOT NULL,
    "task_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 0,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_notifications_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "approval_notifications_task_id_kind_level_audience_key" ON "approval_notifications"("task_id", "kind", "level", "audience");
CREATE INDEX "approval_notifications_status_due_at_idx" ON "approval_notifications"("status", "due_at");

CREATE TABLE "approval_links" (
    "id" UUID NOT NULL,
    "task_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_links_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "approval_links_token_hash_key" ON "approval_links"("token_hash");
CREATE UNIQUE INDEX "approval_links_task_id_user_id_decision_key" ON "approval_links"("task_id", "user_id", "decision");
