-- CreateTable
CREATE TABLE "SignedOutDevice" (
    "tokenHash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignedOutDevice_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "SignedOutDevice_at_idx" ON "SignedOutDevice"("at");

