-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "claimed_by_id" TEXT;

-- CreateIndex
CREATE INDEX "handoff_claimed_by_id_idx" ON "handoff"("claimed_by_id");
