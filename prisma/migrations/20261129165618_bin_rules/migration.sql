-- Added in place rather than by copying the table (Prisma's way on SQLite): every bin starts with no rules.
ALTER TABLE "Bin" ADD COLUMN "rules" TEXT NOT NULL DEFAULT '[]';
