-- CreateTable
CREATE TABLE "Resend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "auto" BOOLEAN NOT NULL,
    "url" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "sentHeaders" TEXT NOT NULL,
    "status" INTEGER,
    "responseHeaders" TEXT,
    "responseBody" BLOB,
    "bodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Resend_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CapturedRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Resend_requestId_createdAt_idx" ON "Resend"("requestId", "createdAt");
