-- CreateTable
CREATE TABLE "Bin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL,
    "lastRequestAt" DATETIME,
    "requestCount" INTEGER NOT NULL DEFAULT 0,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "forwardUrl" TEXT,
    "response" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CapturedRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "httpVersion" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "contentType" TEXT,
    "bodySize" INTEGER NOT NULL,
    "bodyText" TEXT,
    "body" BLOB,
    "ip" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "CapturedRequest_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Bin_token_key" ON "Bin"("token");

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_method_seq_idx" ON "CapturedRequest"("binId", "method", "seq");

-- CreateIndex
CREATE INDEX "CapturedRequest_receivedAt_idx" ON "CapturedRequest"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CapturedRequest_binId_seq_key" ON "CapturedRequest"("binId", "seq");
