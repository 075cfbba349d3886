-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('registered', 'notified', 'claimed', 'contacted', 'closed');

-- CreateTable
CREATE TABLE "handoff" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "route_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "status" "HandoffStatus" NOT NULL DEFAULT 'registered',
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "need" TEXT,
    "contact_name" TEXT,
    "contact_phone" TEXT,
    "contact_email" TEXT,
    "preferred_time" TEXT,
    "summary" TEXT,
    "consent_version" TEXT NOT NULL,
    "consented_at" TIMESTAMPTZ(3) NOT NULL,
    "sla_due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "erased_at" TIMESTAMPTZ(3),

    CONSTRAINT "handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoff_event" (
    "id" UUID NOT NULL,
    "handoff_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "details" JSONB,

    CONSTRAINT "handoff_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "handoff_number_key" ON "handoff"("number");

-- CreateIndex
CREATE UNIQUE INDEX "handoff_idempotency_key_key" ON "handoff"("idempotency_key");

-- CreateIndex
CREATE INDEX "handoff_conversation_id_idx" ON "handoff"("conversation_id");

-- CreateIndex
CREATE INDEX "handoff_instance_id_status_idx" ON "handoff"("instance_id", "status");

-- CreateIndex
CREATE INDEX "handoff_event_handoff_id_at_idx" ON "handoff_event"("handoff_id", "at");

-- AddForeignKey
ALTER TABLE "handoff_event" ADD CONSTRAINT "handoff_event_handoff_id_fkey" FOREIGN KEY ("handoff_id") REFERENCES "handoff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
