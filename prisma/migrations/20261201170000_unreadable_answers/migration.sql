-- CreateTable
CREATE TABLE "UnreadableAnswer" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnreadableAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnreadableAnswer_sessionId_questionId_idx" ON "UnreadableAnswer"("sessionId", "questionId");

-- AddForeignKey
ALTER TABLE "UnreadableAnswer" ADD CONSTRAINT "UnreadableAnswer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnreadableAnswer" ADD CONSTRAINT "UnreadableAnswer_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

