-- CreateTable
CREATE TABLE "safety_policies" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "rule" JSONB NOT NULL,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "safety_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_waivers" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "policy_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "waived_by_id" UUID NOT NULL,
    "waived_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_waivers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_waivers_version_id_policy_id_key" ON "policy_waivers"("version_id", "policy_id");

-- AddForeignKey
ALTER TABLE "safety_policies" ADD CONSTRAINT "safety_policies_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_waivers" ADD CONSTRAINT "policy_waivers_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "workflow_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_waivers" ADD CONSTRAINT "policy_waivers_waived_by_id_fkey" FOREIGN KEY ("waived_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
