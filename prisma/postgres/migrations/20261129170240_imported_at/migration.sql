-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN     "importedAt" TIMESTAMPTZ(3);
