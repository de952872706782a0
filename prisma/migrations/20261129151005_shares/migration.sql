-- CreateTable
CREATE TABLE "Share" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Share_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Share_binId_createdAt_idx" ON "Share"("binId", "createdAt");
