-- Columns added in place rather than by copying the table: a large database migrates at once.
ALTER TABLE "CapturedRequest" ADD COLUMN "deliveryKey" TEXT;
ALTER TABLE "CapturedRequest" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "CapturedRequest" ADD COLUMN "answer" TEXT;

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_deliveryKey_idx" ON "CapturedRequest"("binId", "deliveryKey");
