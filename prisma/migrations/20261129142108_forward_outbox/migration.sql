-- CreateTable
CREATE TABLE "ForwardJob" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" BIGINT NOT NULL,
    "claimedBy" TEXT,
    "leaseUntil" BIGINT,
    CONSTRAINT "ForwardJob_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CapturedRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ForwardJob_binId_seq_idx" ON "ForwardJob"("binId", "seq");

-- CreateIndex
CREATE INDEX "ForwardJob_availableAt_idx" ON "ForwardJob"("availableAt");
