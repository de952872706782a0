-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Bin" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastRequestAt" TIMESTAMPTZ(3),
    "requestCount" INTEGER NOT NULL DEFAULT 0,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "forwardUrl" TEXT,
    "response" TEXT NOT NULL,

    CONSTRAINT "Bin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapturedRequest" (
    "id" TEXT NOT NULL,
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
    "body" BYTEA,
    "ip" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CapturedRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resend" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "auto" BOOLEAN NOT NULL,
    "url" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "sentHeaders" TEXT NOT NULL,
    "status" INTEGER,
    "responseHeaders" TEXT,
    "responseBody" BYTEA,
    "bodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Resend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bin_token_key" ON "Bin"("token");

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_method_seq_idx" ON "CapturedRequest"("binId", "method", "seq");

-- CreateIndex
CREATE INDEX "CapturedRequest_receivedAt_idx" ON "CapturedRequest"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CapturedRequest_binId_seq_key" ON "CapturedRequest"("binId", "seq");

-- CreateIndex
CREATE INDEX "Resend_requestId_createdAt_idx" ON "Resend"("requestId", "createdAt");

-- AddForeignKey
ALTER TABLE "CapturedRequest" ADD CONSTRAINT "CapturedRequest_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resend" ADD CONSTRAINT "Resend_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CapturedRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

