-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "deliveryKey" TEXT;

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_deliveryKey_idx" ON "CapturedRequest"("binId", "deliveryKey");
