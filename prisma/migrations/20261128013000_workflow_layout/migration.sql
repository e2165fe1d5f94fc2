-- AlterTable
ALTER TABLE "workflows" ADD COLUMN     "layout" JSONB;
