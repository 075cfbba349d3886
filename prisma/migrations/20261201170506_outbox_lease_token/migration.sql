-- AlterTable
ALTER TABLE "outbox_job" ADD COLUMN     "lease_token" UUID;
