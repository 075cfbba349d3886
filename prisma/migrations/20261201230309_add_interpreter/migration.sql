-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "interpreter" BOOLEAN;
