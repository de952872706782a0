-- Added in place rather than by copying the table (Prisma's way on SQLite): every bin starts with no saved secrets.
ALTER TABLE "Bin" ADD COLUMN "signingSecrets" TEXT NOT NULL DEFAULT '[]';
