-- CreateTable
CREATE TABLE "directline_activity" (
    "seq" BIGSERIAL NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "activity" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directline_activity_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "directline_activity_conversation_id_seq_idx" ON "directline_activity"("conversation_id", "seq");
