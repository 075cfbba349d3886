-- CreateTable
CREATE TABLE "teams_channel_link" (
    "id" UUID NOT NULL,
    "instance_id" TEXT NOT NULL,
    "channel_conversation_id" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "linked_by" TEXT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replaced_at" TIMESTAMPTZ(3),

    CONSTRAINT "teams_channel_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "teams_channel_link_instance_id_replaced_at_idx" ON "teams_channel_link"("instance_id", "replaced_at");

-- CreateIndex
CREATE INDEX "teams_channel_link_channel_conversation_id_idx" ON "teams_channel_link"("channel_conversation_id");
