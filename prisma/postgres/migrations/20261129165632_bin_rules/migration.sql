-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "rules" TEXT NOT NULL DEFAULT '[]';
