-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN "importedAt" DATETIME;
