-- CreateEnum
CREATE TYPE "VolunteerStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "VolunteerNeedStatus" AS ENUM ('open', 'filled', 'cancelled');

-- CreateEnum
CREATE TYPE "CallOutStatus" AS ENUM ('asked', 'accepted', 'declined', 'filled', 'cancelled');

-- AlterTable
ALTER TABLE "outbox_job" ADD COLUMN     "call_out_id" UUID,
ALTER COLUMN "handoff_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "volunteer" (
    "id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "skills" TEXT[],
    "areas" TEXT[],
    "times" TEXT[],
    "reach_by" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "status" "VolunteerStatus" NOT NULL DEFAULT 'active',
    "consent_version" TEXT NOT NULL,
    "consented_at" TIMESTAMPTZ(3) NOT NULL,
    "last_active_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volunteer_need" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "area" TEXT NOT NULL,
    "skills" TEXT[],
    "count" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "crisis" BOOLEAN NOT NULL DEFAULT false,
    "status" "VolunteerNeedStatus" NOT NULL DEFAULT 'open',
    "instance_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "filled_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "volunteer_need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volunteer_call_out" (
    "id" UUID NOT NULL,
    "need_id" UUID NOT NULL,
    "volunteer_id" UUID,
    "status" "CallOutStatus" NOT NULL DEFAULT 'asked',
    "asked_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "volunteer_call_out_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "volunteer_conversation_id_key" ON "volunteer"("conversation_id");

-- CreateIndex
CREATE INDEX "volunteer_status_idx" ON "volunteer"("status");

-- CreateIndex
CREATE INDEX "volunteer_last_active_at_idx" ON "volunteer"("last_active_at");

-- CreateIndex
CREATE INDEX "volunteer_need_status_created_at_idx" ON "volunteer_need"("status", "created_at");

-- CreateIndex
CREATE INDEX "volunteer_call_out_volunteer_id_asked_at_idx" ON "volunteer_call_out"("volunteer_id", "asked_at");

-- CreateIndex
CREATE UNIQUE INDEX "volunteer_call_out_need_id_volunteer_id_key" ON "volunteer_call_out"("need_id", "volunteer_id");

-- CreateIndex
CREATE INDEX "outbox_job_call_out_id_idx" ON "outbox_job"("call_out_id");

-- AddForeignKey
ALTER TABLE "outbox_job" ADD CONSTRAINT "outbox_job_call_out_id_fkey" FOREIGN KEY ("call_out_id") REFERENCES "volunteer_call_out"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer_call_out" ADD CONSTRAINT "volunteer_call_out_need_id_fkey" FOREIGN KEY ("need_id") REFERENCES "volunteer_need"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer_call_out" ADD CONSTRAINT "volunteer_call_out_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

