-- CreateTable
CREATE TABLE "assets" (
    "id" UUID NOT NULL,
    "kind" "safety_kind" NOT NULL,
    "value" TEXT NOT NULL,
    "criticality" "criticality" NOT NULL DEFAULT 'medium',
    "owner" TEXT,
    "business_service" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assets_owner_idx" ON "assets"("owner");

-- CreateIndex
CREATE UNIQUE INDEX "assets_kind_value_key" ON "assets"("kind", "value");

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
