-- CreateTable
CREATE TABLE "ForwardJob" (
    "requestId" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" BIGINT NOT NULL,
    "claimedBy" TEXT,
    "leaseUntil" BIGINT,

    CONSTRAINT "ForwardJob_pkey" PRIMARY KEY ("requestId")
);

-- CreateIndex
CREATE INDEX "ForwardJob_binId_seq_idx" ON "ForwardJob"("binId", "seq");

-- CreateIndex
CREATE INDEX "ForwardJob_availableAt_idx" ON "ForwardJob"("availableAt");

-- AddForeignKey
ALTER TABLE "ForwardJob" ADD CONSTRAINT "ForwardJob_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CapturedRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
