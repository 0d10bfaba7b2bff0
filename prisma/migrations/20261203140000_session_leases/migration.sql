-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseToken" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ownerNode" TEXT;

