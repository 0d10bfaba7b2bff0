import type { ClassroomSummary, RosterStudent } from "@livelab/core/protocol";
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./roomStore.ts";

export interface StudentRow {
  id: string;
  classroomId: string;
  name: string;
  nameKey: string;
  pinHash: string;
  linkCode: string;
  seed: number;
  pinFailures: number;
  lockedUntil: Date | null;
}

export interface ClassroomRow { id: string; teacherId: string; name: string; code: string; joinOpen: boolean; courseId: string; createdAt: Date }

/** A signed-in device's student and their class. */
export interface SignedInStudent { student: StudentRow; classroom: ClassroomRow; teacherName: string }

/** Another student of the class already has this name (its normalized key). */
export class NameTaken extends Error {}

/**
 * Classes (rosters), their students and the devices students signed in on. Teacher reads and
 * writes are scoped by the teacher's id (another teacher's class is not found). Deleting a
 * student deletes every row of theirs: devices, practice, their seats in live classes with
 * those classes' answers, runs and unreadable answers (foreign keys cascade), and the log
 * events that name those seats (below) — docs/PRACTICE.md "The data kept about a student".
 */
export class RosterStore {
  constructor(private readonly db: Database) {}

  async createClassroom(c: Omit<ClassroomRow, "createdAt">): Promise<void> {
    await this.db.prisma.classroom.create({ data: c });
  }

  async listClassrooms(teacherId: string): Promise<ClassroomSummary[]> {
    const rows = await this.db.prisma.classroom.findMany({
      where: { teacherId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      include: { _count: { select: { students: true } }, sessions: { where: { status: { not: "ended" } }, orderBy: { createdAt: "desc" }, take: 1, select: { id: true, code: true } } },
    });
    return rows.map((r) => ({
      id: r.id, name: r.name, code: r.code, joinOpen: r.joinOpen, students: r._count.students, createdAt: r.createdAt.toISOString(),
      live: r.sessions[0] ? { sessionId: r.sessions[0].id, code: r.sessions[0].code } : null,
    }));
  }

  /** A class of this teacher, or null. */
  ownedClassroom(id: string, teacherId: string): Promise<ClassroomRow | null> {
    return this.db.prisma.classroom.findFirst({ where: { id, teacherId } });
  }

  async roster(classroomId: string, now: number): Promise<RosterStudent[]> {
    const rows = await this.db.prisma.student.findMany({
      where: { classroomId }, orderBy: [{ name: "asc" }, { id: "asc" }],
      include: { _count: { select: { participants: true, attempts: true } } },
    });
    return rows.map((s) => ({
      id: s.id, name: s.name, createdAt: s.createdAt.toISOString(), linkCode: s.linkCode,
      locked: s.lockedUntil !== null && s.lockedUntil.getTime() > now, participations: s._count.participants, attempts: s._count.attempts,
    }));
  }

  async sessionsOf(classroomId: string): Promise<{ id: string; code: string; lessonTitle: string; status: string; createdAt: string }[]> {
    const rows = await this.db.query<{ id: string; code: string; title: string | null; lessonId: string; status: string; createdMs: number | string }>(
      `SELECT id, code, lesson->>'title' AS title, "lessonId", status, (extract(epoch FROM "createdAt") * 1000)::float8 AS "createdMs"
         FROM "ClassSession" WHERE "classroomId" = $1 ORDER BY "createdAt" DESC, id`,
      [classroomId],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, lessonTitle: r.title ?? r.lessonId, status: r.status, createdAt: new Date(Number(r.createdMs)).toISOString() }));
  }

  async updateClassroom(id: string, teacherId: string, patch: { name?: string; joinOpen?: boolean }): Promise<boolean> {
    const { count } = await this.db.prisma.classroom.updateMany({ where: { id, teacherId }, data: patch });
    return count === 1;
  }

  /** Delete a class with its students and everything of theirs (see deleteStudents). */
  async deleteClassroom(id: string, teacherId: string): Promise<boolean> {
    const c = await this.ownedClassroom(id, teacherId);
    if (!c) return false;
    const students = await this.db.prisma.student.findMany({ where: { classroomId: id }, select: { id: true } });
    await this.deleteStudents(students.map((s) => s.id), () => this.db.prisma.classroom.delete({ where: { id } }));
    return true;
  }

  /**
   * The class a code opens for joining or signing in: its own 7-character code, or the code of
   * a live class run for it (a student who typed the live code lands in the right roster).
   */
  async classroomForCode(code: string): Promise<(ClassroomRow & { teacherName: string }) | null> {
    const own = await this.db.prisma.classroom.findUnique({ where: { code }, include: { teacher: { select: { name: true } } } });
    if (own) return { ...strip(own), teacherName: own.teacher.name };
    const live = await this.db.prisma.classSession.findFirst({
      where: { code, status: { not: "ended" }, classroomId: { not: null } },
      select: { classroom: { include: { teacher: { select: { name: true } } } } },
    });
    return live?.classroom ? { ...strip(live.classroom), teacherName: live.classroom.teacher.name } : null;
  }

  async addStudent(s: Omit<StudentRow, "pinFailures" | "lockedUntil">, createdAt: Date): Promise<void> {
    try {
      await this.db.prisma.student.create({ data: { ...s, createdAt } });
    } catch (e) {
      if (isUniqueViolation(e)) throw new NameTaken("a student of that name is already in this class");
      throw e;
    }
  }

  studentByName(classroomId: string, nameKey: string): Promise<StudentRow | null> {
    return this.db.prisma.student.findUnique({ where: { classroomId_nameKey: { classroomId, nameKey } } });
  }

  studentByLink(linkCode: string): Promise<StudentRow | null> {
    return this.db.prisma.student.findUnique({ where: { linkCode } });
  }

  ownedStudent(classroomId: string, studentId: string): Promise<StudentRow | null> {
    return this.db.prisma.student.findFirst({ where: { id: studentId, classroomId } });
  }

  /** A wrong PIN: count it; the `max`-th in a row locks sign-in until `lockUntil`. */
  async pinFailed(studentId: string, max: number, lockUntil: Date): Promise<{ locked: boolean }> {
    const rows = await this.db.query<{ pinFailures: number }>(
      `UPDATE "Student" SET "pinFailures" = "pinFailures" + 1 WHERE id = $1 RETURNING "pinFailures"`, [studentId],
    );
    const failures = rows[0]?.pinFailures ?? 0;
    if (failures < max) return { locked: false };
    await this.db.prisma.student.update({ where: { id: studentId }, data: { pinFailures: 0, lockedUntil: lockUntil } });
    return { locked: true };
  }

  async pinSucceeded(studentId: string): Promise<void> {
    await this.db.prisma.student.update({ where: { id: studentId }, data: { pinFailures: 0, lockedUntil: null } });
  }

  async addDevice(id: string, studentId: string, tokenHash: string, createdAt: Date): Promise<void> {
    await this.db.prisma.studentDevice.create({ data: { id, studentId, tokenHash, createdAt } });
  }

  async signedIn(tokenHash: string): Promise<SignedInStudent | null> {
    const d = await this.db.prisma.studentDevice.findUnique({
      where: { tokenHash }, include: { student: { include: { classroom: { include: { teacher: { select: { name: true } } } } } } },
    });
    if (!d) return null;
    const { classroom, ...student } = d.student;
    return { student, classroom: strip(classroom), teacherName: classroom.teacher.name };
  }

  async removeDevice(tokenHash: string): Promise<void> {
    await this.db.prisma.studentDevice.deleteMany({ where: { tokenHash } });
  }

  async rename(studentId: string, name: string, nameKey: string): Promise<void> {
    try {
      await this.db.prisma.student.update({ where: { id: studentId }, data: { name, nameKey } });
    } catch (e) {
      if (isUniqueViolation(e)) throw new NameTaken("another student of the class has that name");
      throw e;
    }
  }

  /**
   * A new PIN from the teacher: the lockout ends and every device the student signed in on is
   * signed out (remembered as signed out for a new PIN, so the phone can say so).
   */
  async resetPin(studentId: string, pinHash: string): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      await tx.student.update({ where: { id: studentId }, data: { pinHash, pinFailures: 0, lockedUntil: null } });
      await signOutDevices(tx, { studentId }, "pin-reset");
    });
  }

  /** Why a device's token no longer signs in, when the teacher signed it out (within 30 days). */
  async signedOutReason(tokenHash: string): Promise<SignedOutReason | null> {
    const row = await this.db.prisma.signedOutDevice.findUnique({ where: { tokenHash } });
    return row && row.at.getTime() > Date.now() - SIGNED_OUT_KEPT_MS ? (row.reason as SignedOutReason) : null;
  }

  /**
   * Merge `fromId` into `intoId` (one student who joined twice): their live seats, practice
   * items and attempts become `intoId`'s (items renumbered after theirs), then `fromId` and its
   * devices are deleted. One transaction.
   */
  async merge(fromId: string, intoId: string): Promise<void> {
    const p = this.db.prisma;
    await p.$transaction(async (tx) => {
      const top = await tx.practiceItem.aggregate({ where: { studentId: intoId }, _max: { serial: true } });
      const base = (top._max.serial ?? -1) + 1;
      // After `intoId`'s own numbers: the moved rows cannot meet theirs, nor each other.
      await tx.$executeRaw`UPDATE "PracticeItem" SET serial = serial + ${base}, "studentId" = ${intoId} WHERE "studentId" = ${fromId}`;
      await tx.practiceAttempt.updateMany({ where: { studentId: fromId }, data: { studentId: intoId } });
      await tx.participant.updateMany({ where: { studentId: fromId }, data: { studentId: intoId } });
      await tx.student.delete({ where: { id: fromId } });
    });
  }

  /** Delete students and every row of theirs; `alsoInside` runs in the same transaction (deleting their class). */
  async deleteStudents(studentIds: string[], alsoInside?: () => Promise<unknown>): Promise<void> {
    const p = this.db.prisma;
    const seats = studentIds.length ? await p.participant.findMany({ where: { studentId: { in: studentIds } }, select: { id: true } }) : [];
    const seatIds = seats.map((s) => s.id);
    await p.$transaction(async (tx) => {
      // Log events that name one of their seats (a removal, a hidden written answer): gone with them.
      if (seatIds.length) await tx.$executeRawUnsafe(`DELETE FROM "SessionEvent" WHERE payload->>'participantId' = ANY($1::text[])`, seatIds);
      // Their phones will say they were removed: only the token hashes stay, nothing naming them.
      if (studentIds.length) await signOutDevices(tx, { studentId: { in: studentIds } }, "removed");
      // Participants (and through them answers, runs, unreadable answers), devices, items, attempts: cascade.
      if (studentIds.length) await tx.student.deleteMany({ where: { id: { in: studentIds } } });
      if (alsoInside) await alsoInside();
    });
  }

  /** The seats (participant ids) a student has in one session. */
  async seatsIn(sessionId: string, studentId: string): Promise<{ id: string; removed: boolean }[]> {
    return this.db.prisma.participant.findMany({ where: { sessionId, studentId }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }], select: { id: true, removed: true } });
  }

  /** Live sessions in which these students have a seat (deleting a student removes them from those rooms first). */
  async liveSeats(studentIds: string[]): Promise<{ sessionId: string; participantId: string }[]> {
    if (studentIds.length === 0) return [];
    const rows = await this.db.prisma.participant.findMany({
      where: { studentId: { in: studentIds }, removed: false, session: { status: { not: "ended" } } }, select: { id: true, sessionId: true },
    });
    return rows.map((r) => ({ sessionId: r.sessionId, participantId: r.id }));
  }

  /** The roster a session was run for (null: an open class). Sessions never change class, so callers may cache it. */
  async classroomOfSession(sessionId: string): Promise<string | null> {
    const s = await this.db.prisma.classSession.findUnique({ where: { id: sessionId }, select: { classroomId: true } });
    return s?.classroomId ?? null;
  }
}

function strip<T extends ClassroomRow>(c: T): ClassroomRow {
  return { id: c.id, teacherId: c.teacherId, name: c.name, code: c.code, joinOpen: c.joinOpen, courseId: c.courseId, createdAt: c.createdAt };
}

/** Why the teacher signed a device out: its student got a new PIN, or was removed from the class. */
export type SignedOutReason = "pin-reset" | "removed";

/** How long a signed-out device is remembered (its phone says why when it comes back within it). */
const SIGNED_OUT_KEPT_MS = 30 * 86_400_000;

type Tx = Parameters<Parameters<Database["prisma"]["$transaction"]>[0]>[0];

/** Delete these devices, remembering their token hashes and why; older reminders go. */
async function signOutDevices(tx: Tx, where: { studentId: string | { in: string[] } }, reason: SignedOutReason): Promise<void> {
  const devices = await tx.studentDevice.findMany({ where, select: { tokenHash: true } });
  await tx.signedOutDevice.deleteMany({ where: { at: { lt: new Date(Date.now() - SIGNED_OUT_KEPT_MS) } } });
  if (devices.length) await tx.signedOutDevice.createMany({ data: devices.map((d) => ({ tokenHash: d.tokenHash, reason })), skipDuplicates: true });
  await tx.studentDevice.deleteMany({ where });
}
