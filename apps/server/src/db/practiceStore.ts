import type { QuestionParams } from "@livelab/core/questions";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";

export interface ItemRow {
  id: string;
  studentId: string;
  serial: number;
  skill: string;
  lessonId: string;
  questionId: string;
  seed: number;
  params: QuestionParams;
  simSeed: number | null;
  assignmentId: string | null;
  issuedAt: Date;
  hintAt: Date | null;
}

export interface AttemptRow {
  id: string;
  studentId: string;
  itemId: string;
  answer: unknown;
  status: string;
  correct: boolean | null;
  feedbackKey: string | null;
  hintUsed: boolean;
  idempotencyKey: string;
  answeredAt: Date;
}

/** A practice attempt with its item: one row of a student's practice history. */
export interface PracticeHistoryRow extends AttemptRow { lessonId: string; questionId: string; params: QuestionParams; simSeed: number | null }

/** A live-class answer of a roster student: one row of their live history. */
export interface LiveHistoryRow {
  id: string;
  studentId: string;
  sessionId: string;
  questionId: string;
  params: QuestionParams;
  status: string;
  correct: boolean | null;
  feedbackKey: string | null;
  answeredAt: Date;
}

export interface AssignmentRow { id: string; classroomId: string; title: string; skills: string[]; dueAt: Date | null; createdAt: Date }

const json = (v: unknown) => v as Prisma.InputJsonValue;
const toItem = (r: { params: unknown } & Omit<ItemRow, "params">): ItemRow => ({ ...r, params: r.params as QuestionParams });

/**
 * Practice items, attempts and assignments, and the two halves of a student's history
 * (practice attempts; live answers through their seats in classes run for their roster). Every
 * method is one statement or one transaction; unique constraints make resends harmless
 * (`PracticeAttempt` one per item and per (student, idempotency key); `PracticeItem` one per
 * (student, serial)).
 */
export class PracticeStore {
  constructor(private readonly db: Database) {}

  /** How many items the student has been given (the next item's serial). */
  async nextSerial(studentId: string): Promise<number> {
    const top = await this.db.prisma.practiceItem.aggregate({ where: { studentId }, _max: { serial: true } });
    return (top._max.serial ?? -1) + 1;
  }

  async insertItem(item: ItemRow): Promise<void> {
    await this.db.prisma.practiceItem.create({ data: { ...item, params: json(item.params) } });
  }

  async item(studentId: string, itemId: string): Promise<ItemRow | null> {
    const r = await this.db.prisma.practiceItem.findFirst({ where: { id: itemId, studentId } });
    return r ? toItem(r) : null;
  }

  /** The student's newest items of a skill, newest first, answered or not (their variants are the ones not to repeat). */
  async lastItems(studentId: string, skill: string, count: number): Promise<(ItemRow & { answered: boolean })[]> {
    const rows = await this.db.prisma.practiceItem.findMany({
      where: { studentId, skill }, orderBy: [{ serial: "desc" }], take: count, include: { attempt: { select: { id: true } } },
    });
    return rows.map(({ attempt, ...rest }) => ({ ...toItem(rest), answered: attempt !== null }));
  }

  /** Record that the hint was opened (the first time only). */
  async markHint(itemId: string, at: Date): Promise<void> {
    await this.db.prisma.practiceItem.updateMany({ where: { id: itemId, hintAt: null }, data: { hintAt: at } });
  }

  async attemptByKey(studentId: string, idempotencyKey: string): Promise<AttemptRow | null> {
    return this.db.prisma.practiceAttempt.findUnique({ where: { studentId_idempotencyKey: { studentId, idempotencyKey } } });
  }

  async attemptForItem(itemId: string): Promise<AttemptRow | null> {
    return this.db.prisma.practiceAttempt.findUnique({ where: { itemId } });
  }

  async insertAttempt(a: AttemptRow): Promise<void> {
    await this.db.prisma.practiceAttempt.create({ data: { ...a, answer: json(a.answer ?? null) } });
  }

  /** Practice attempts of these students, oldest first. */
  async practiceHistory(studentIds: string[]): Promise<PracticeHistoryRow[]> {
    if (studentIds.length === 0) return [];
    const rows = await this.db.prisma.practiceAttempt.findMany({
      where: { studentId: { in: studentIds } }, orderBy: [{ answeredAt: "asc" }, { id: "asc" }],
      include: { item: { select: { lessonId: true, questionId: true, params: true, simSeed: true } } },
    });
    return rows.map(({ item, ...a }) => ({ ...a, lessonId: item.lessonId, questionId: item.questionId, params: item.params as QuestionParams, simSeed: item.simSeed }));
  }

  /** Live-class answers given through these students' seats, oldest first. */
  async liveHistory(studentIds: string[]): Promise<LiveHistoryRow[]> {
    if (studentIds.length === 0) return [];
    const rows = await this.db.prisma.response.findMany({
      where: { participant: { studentId: { in: studentIds } } }, orderBy: [{ answeredAt: "asc" }, { id: "asc" }],
      select: { id: true, sessionId: true, questionId: true, params: true, status: true, correct: true, feedbackKey: true, answeredAt: true, participant: { select: { studentId: true } } },
    });
    return rows.map(({ participant, ...r }) => ({ ...r, studentId: participant.studentId!, params: r.params as QuestionParams }));
  }

  /** The lesson each of these sessions ran (its own copy), by session id. */
  async sessionLessons(sessionIds: string[]): Promise<Map<string, { lessonId: string; lesson: unknown }>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.db.prisma.classSession.findMany({ where: { id: { in: sessionIds } }, select: { id: true, lessonId: true, lesson: true } });
    return new Map(rows.map((r) => [r.id, { lessonId: r.lessonId, lesson: r.lesson }]));
  }

  async assignments(classroomId: string): Promise<AssignmentRow[]> {
    const rows = await this.db.prisma.assignment.findMany({ where: { classroomId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    return rows.map((r) => ({ ...r, skills: r.skills as string[] }));
  }

  /**
   * Create an assignment unless an identical one (same class, same set of skills, same due date)
   * is still open — no due date, or one after `a.createdAt` — and then return that one instead: a
   * report's "Assign practice" clicked again after a reload must not set the same work twice.
   * The class row is locked for the check and the insert, so two clicks at once (even on two
   * nodes) make one assignment.
   */
  async createAssignmentOnce(a: AssignmentRow): Promise<{ id: string; existing: boolean }> {
    const sameSkills = (skills: unknown) => {
      const set = new Set(skills as string[]);
      return set.size === a.skills.length && a.skills.every((s) => set.has(s));
    };
    return this.db.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM "Classroom" WHERE id = $1 FOR UPDATE`, a.classroomId);
      const open = await tx.assignment.findMany({
        where: { classroomId: a.classroomId, dueAt: a.dueAt, OR: [{ dueAt: null }, { dueAt: { gt: a.createdAt } }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, skills: true },
      });
      const same = open.find((r) => sameSkills(r.skills));
      if (same) return { id: same.id, existing: true };
      await tx.assignment.create({ data: { ...a, skills: json(a.skills) } });
      return { id: a.id, existing: false };
    });
  }

  async deleteAssignment(classroomId: string, id: string): Promise<boolean> {
    const { count } = await this.db.prisma.assignment.deleteMany({ where: { id, classroomId } });
    return count === 1;
  }

  /** The newest class run for this roster that has not ended, if any. */
  async liveSessionOf(classroomId: string): Promise<{ id: string; code: string; lessonTitle: string } | null> {
    const rows = await this.db.query<{ id: string; code: string; title: string | null; lessonId: string }>(
      `SELECT id, code, lesson->>'title' AS title, "lessonId" FROM "ClassSession" WHERE "classroomId" = $1 AND status <> 'ended' ORDER BY "createdAt" DESC, id LIMIT 1`,
      [classroomId],
    );
    return rows[0] ? { id: rows[0].id, code: rows[0].code, lessonTitle: rows[0].title ?? rows[0].lessonId } : null;
  }
}
