-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "signingSecrets" TEXT NOT NULL DEFAULT '[]';
