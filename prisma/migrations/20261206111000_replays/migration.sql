-- CreateTable
CREATE TABLE "replay_events" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "event" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "replay_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replays" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "base_version_id" UUID,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested" INTEGER,
    "until" TIMESTAMPTZ(3),
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "message" TEXT,

    CONSTRAINT "replays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_items" (
    "id" UUID NOT NULL,
    "replay_id" UUID NOT NULL,
    "live_run_id" UUID NOT NULL,
    "event_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "simulation_run_id" UUID,
    "outcome" TEXT,
    "diff" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "replay_events_run_id_key" ON "replay_events"("run_id");

-- CreateIndex
CREATE INDEX "replay_events_workflow_id_received_at_idx" ON "replay_events"("workflow_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "replay_events_received_at_idx" ON "replay_events"("received_at");

-- CreateIndex
CREATE INDEX "replays_version_id_created_at_idx" ON "replays"("version_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "replays_workflow_id_kind_status_idx" ON "replays"("workflow_id", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "replay_items_replay_id_live_run_id_key" ON "replay_items"("replay_id", "live_run_id");

-- CreateIndex
CREATE INDEX "replay_items_status_created_at_idx" ON "replay_items"("status", "created_at");

-- AddForeignKey
ALTER TABLE "replay_items" ADD CONSTRAINT "replay_items_replay_id_fkey" FOREIGN KEY ("replay_id") REFERENCES "replays"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active shadow per version (not expressible in the Prisma schema): a second PUT extends it.
CREATE UNIQUE INDEX "replays_one_active_shadow" ON "replays"("version_id") WHERE "kind" = 'shadow' AND "status" = 'active';
