-- AlterTable
ALTER TABLE "safety_entries" ADD COLUMN "asset_id" UUID;

-- CreateIndex
CREATE INDEX "safety_entries_asset_id_idx" ON "safety_entries"("asset_id");

-- AddForeignKey
ALTER TABLE "safety_entries" ADD CONSTRAINT "safety_entries_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
