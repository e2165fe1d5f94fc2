-- CreateTable
CREATE TABLE "credential_health" (
    "credential_id" UUID NOT NULL,
    "every_ms" INTEGER NOT NULL,
    "next_probe_at" TIMESTAMPTZ(3),
    "last_probe_at" TIMESTAMPTZ(3),
    "last_ok" BOOLEAN,
    "last_status" INTEGER,
    "last_message" TEXT,
    "last_ms" INTEGER,

    CONSTRAINT "credential_health_pkey" PRIMARY KEY ("credential_id")
);

-- CreateTable
CREATE TABLE "credential_probes" (
    "id" UUID NOT NULL,
    "credential_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "message" TEXT NOT NULL,
    "ms" INTEGER NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "credential_probes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credential_health_next_probe_at_idx" ON "credential_health"("next_probe_at");

-- CreateIndex
CREATE INDEX "credential_probes_credential_id_at_idx" ON "credential_probes"("credential_id", "at" DESC);

-- AddForeignKey
ALTER TABLE "credential_health" ADD CONSTRAINT "credential_health_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "connector_credentials"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credential_probes" ADD CONSTRAINT "credential_probes_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "connector_credentials"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma does not model CHECK constraints): the source is one of two words,
-- an interval is positive, a duration not negative.
ALTER TABLE "credential_health" ADD CONSTRAINT "credential_health_every_positive" CHECK ("every_ms" > 0);
ALTER TABLE "credential_probes" ADD CONSTRAINT "credential_probes_source_known" CHECK ("source" IN ('schedule', 'manual')),
  ADD CONSTRAINT "credential_probes_ms_not_negative" CHECK ("ms" >= 0);
