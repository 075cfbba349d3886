-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'delivered', 'failed');

-- AlterTable
-- Handoffs registered before this migration get "now" as their claim deadline.
ALTER TABLE "handoff" ADD COLUMN     "claim_due_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "claim_escalated_at" TIMESTAMPTZ(3),
ADD COLUMN     "claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "claimed_by" TEXT,
ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "contacted_at" TIMESTAMPTZ(3),
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "sla_escalated_at" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "handoff" ALTER COLUMN "claim_due_at" DROP DEFAULT;

-- CreateTable
CREATE TABLE "outbox_job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "handoff_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_job_idempotency_key_key" ON "outbox_job"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_job_status_next_attempt_at_idx" ON "outbox_job"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "outbox_job" ADD CONSTRAINT "outbox_job_handoff_id_fkey" FOREIGN KEY ("handoff_id") REFERENCES "handoff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
