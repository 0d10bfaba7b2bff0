-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "classroomId" TEXT;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "studentId" TEXT;

-- CreateTable
CREATE TABLE "Classroom" (
    "id" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "joinOpen" BOOLEAN NOT NULL DEFAULT true,
    "courseId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Classroom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Student" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "pinHash" TEXT NOT NULL,
    "linkCode" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "pinFailures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Student_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudentDevice" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudentDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeItem" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "serial" INTEGER NOT NULL,
    "skill" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "simSeed" INTEGER,
    "assignmentId" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hintAt" TIMESTAMP(3),

    CONSTRAINT "PracticeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAttempt" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "correct" BOOLEAN,
    "feedbackKey" TEXT,
    "hintUsed" BOOLEAN NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PracticeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "skills" JSONB NOT NULL,
    "dueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Classroom_code_key" ON "Classroom"("code");

-- CreateIndex
CREATE INDEX "Classroom_teacherId_createdAt_idx" ON "Classroom"("teacherId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Student_linkCode_key" ON "Student"("linkCode");

-- CreateIndex
CREATE UNIQUE INDEX "Student_classroomId_nameKey_key" ON "Student"("classroomId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "StudentDevice_tokenHash_key" ON "StudentDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "StudentDevice_studentId_idx" ON "StudentDevice"("studentId");

-- CreateIndex
CREATE INDEX "PracticeItem_studentId_skill_issuedAt_idx" ON "PracticeItem"("studentId", "skill", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeItem_studentId_serial_key" ON "PracticeItem"("studentId", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAttempt_itemId_key" ON "PracticeAttempt"("itemId");

-- CreateIndex
CREATE INDEX "PracticeAttempt_studentId_answeredAt_idx" ON "PracticeAttempt"("studentId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAttempt_studentId_idempotencyKey_key" ON "PracticeAttempt"("studentId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Assignment_classroomId_createdAt_idx" ON "Assignment"("classroomId", "createdAt");

-- CreateIndex
CREATE INDEX "ClassSession_classroomId_idx" ON "ClassSession"("classroomId");

-- CreateIndex
CREATE INDEX "Participant_studentId_idx" ON "Participant"("studentId");

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classroom" ADD CONSTRAINT "Classroom_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentDevice" ADD CONSTRAINT "StudentDevice_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeItem" ADD CONSTRAINT "PracticeItem_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PracticeItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

