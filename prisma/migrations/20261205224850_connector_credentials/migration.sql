-- CreateEnum
CREATE TYPE "credential_mode" AS ENUM ('live', 'test');

-- CreateTable
CREATE TABLE "connector_credentials" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL,
    "mode" "credential_mode" NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "base_url" TEXT,
    "ciphertext" BYTEA NOT NULL,
    "iv" BYTEA NOT NULL,
    "tag" BYTEA NOT NULL,
    "value_version" INTEGER NOT NULL DEFAULT 1,
    "rotated_at" TIMESTAMPTZ(3),
    "rotation_failed_at" TIMESTAMPTZ(3),
    "rotation_failure" TEXT,
    "last_tested_at" TIMESTAMPTZ(3),
    "last_test_ok" BOOLEAN,
    "last_test_message" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connector_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connector_credentials_name_key" ON "connector_credentials"("name");

-- CreateIndex
CREATE INDEX "connector_credentials_connector_id_idx" ON "connector_credentials"("connector_id");


-- Added by hand (Prisma does not model CHECK constraints and leaves them alone when diffing):
-- the same rules as the API's zod schema, so no writer can store a name workflows cannot
-- refer to, settings that are not an object, or a base URL that is not http(s).
ALTER TABLE "connector_credentials" ADD CONSTRAINT "connector_credentials_name_slug" CHECK ("name" ~ '^[a-z][a-z0-9]*([-_][a-z0-9]+)*$' AND length("name") <= 64),
  ADD CONSTRAINT "connector_credentials_settings_object" CHECK (jsonb_typeof("settings") = 'object'),
  ADD CONSTRAINT "connector_credentials_base_url_http" CHECK ("base_url" IS NULL OR "base_url" ~ '^https?://'),
  ADD CONSTRAINT "connector_credentials_value_version_positive" CHECK ("value_version" >= 1);
