-- AlterTable
-- Bins from before keys keep working: their key is their token until it is rotated.
ALTER TABLE "Bin" ADD COLUMN     "key" TEXT;
UPDATE "Bin" SET "key" = "token";
ALTER TABLE "Bin" ALTER COLUMN "key" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Bin_key_key" ON "Bin"("key");
