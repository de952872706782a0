-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL,
    "lastRequestAt" DATETIME,
    "requestCount" INTEGER NOT NULL DEFAULT 0,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "forwardUrl" TEXT,
    "response" TEXT NOT NULL,
    "rules" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_Bin" ("createdAt", "forwardUrl", "id", "key", "lastRequestAt", "name", "nextSeq", "requestCount", "response", "token") SELECT "createdAt", "forwardUrl", "id", "key", "lastRequestAt", "name", "nextSeq", "requestCount", "response", "token" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE UNIQUE INDEX "Bin_token_key" ON "Bin"("token");
CREATE UNIQUE INDEX "Bin_key_key" ON "Bin"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
