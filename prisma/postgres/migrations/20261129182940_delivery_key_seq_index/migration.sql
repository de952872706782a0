-- DropIndex
DROP INDEX "CapturedRequest_binId_deliveryKey_idx";

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_deliveryKey_seq_idx" ON "CapturedRequest"("binId", "deliveryKey", "seq");
