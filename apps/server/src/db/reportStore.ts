import type { Lesson } from "@livelab/core/lesson";
import type { ReportInput, ReportResponse } from "@livelab/core/report";
import type { Database } from "./database.ts";

export interface SessionListItem {
  id: string;
  code: string;
  lessonId: string;
  lessonTitle: string;
  /** The class (roster) the session was run for, if any: its name and id. */
  className: string | null;
  classroomId: string | null;
  status: string;
  createdAt: string;
  endedAt: string | null;
  participants: number;
  responses: number;
}

/** One stored answer as the CSV export writes it (everything the table holds, nothing re-derived). */
export type ResponseExportRow = Omit<ReportResponse, "answeredAt"> & { answeredAt: Date };

/** An answer refused as unreadable, as the answers export lists it (it used no attempt and is in no score). */
export interface UnreadableExportRow {
  participantId: string;
  questionId: string;
  /** What was typed (cut to 200 characters when stored). */
  answer: string;
  /** Why it could not be read: the message the student got. */
  reason: string;
  at: Date;
}

export interface OwnedSession {
  input: ReportInput;
  responses: ResponseExportRow[];
  unreadable: UnreadableExportRow[];
}

/**
 * The teacher-facing reads: a teacher's sessions and everything a report is computed from.
 * Every query is scoped by the owning teacher's id, so another account's session is simply
 * not found (the routes answer 404, never "forbidden": existence is not confirmed either).
 */
export class ReportStore {
  constructor(private readonly db: Database) {}

  async listSessions(teacherId: string): Promise<SessionListItem[]> {
    // The lesson JSON can be large: only its title is read here.
    const rows = await this.db.query<{ id: string; code: string; lessonId: string; lessonTitle: string | null; className: string | null; classroomId: string | null; status: string; createdMs: number | string; endedMs: number | string | null; participants: number; responses: number }>(
      // Timestamps are stored in UTC without a zone; epoch milliseconds avoid driver-side zone guesses.
      `SELECT s.id, s.code, s."lessonId", s.lesson->>'title' AS "lessonTitle", c.name AS "className", s."classroomId", s.status,
              (extract(epoch FROM s."createdAt") * 1000)::float8 AS "createdMs",
              (extract(epoch FROM s."endedAt") * 1000)::float8 AS "endedMs",
              (SELECT count(*)::int FROM "Participant" p WHERE p."sessionId" = s.id AND NOT p.removed) AS participants,
              (SELECT count(*)::int FROM "Response" r WHERE r."sessionId" = s.id) AS responses
         FROM "ClassSession" s
         LEFT JOIN "Classroom" c ON c.id = s."classroomId"
        WHERE s."teacherId" = $1
        ORDER BY s."createdAt" DESC, s.id`,
      [teacherId],
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      lessonId: r.lessonId,
      lessonTitle: r.lessonTitle ?? r.lessonId,
      className: r.className,
      classroomId: r.classroomId,
      status: r.status,
      createdAt: new Date(Number(r.createdMs)).toISOString(),
      endedAt: r.endedMs === null ? null : new Date(Number(r.endedMs)).toISOString(),
      participants: Number(r.participants),
      responses: Number(r.responses),
    }));
  }

  /** Everything about one session, if `teacherId` owns it; null otherwise. */
  async loadOwned(sessionId: string, teacherId: string): Promise<OwnedSession | null> {
    const p = this.db.prisma;
    const s = await p.classSession.findFirst({ where: { id: sessionId, teacherId }, include: { classroom: { select: { id: true, name: true } } } });
    if (!s) return null;
    const [participants, opened, responses, runs, unreadable] = await Promise.all([
      p.participant.findMany({ where: { sessionId }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
      p.sessionEvent.findMany({ where: { sessionId, type: "question.opened" }, orderBy: { seq: "asc" }, select: { payload: true } }),
      p.response.findMany({ where: { sessionId }, orderBy: [{ answeredAt: "asc" }, { attempt: "asc" }, { id: "asc" }] }),
      p.experimentRun.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
      p.unreadableAnswer.findMany({ where: { sessionId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { participantId: true, questionId: true, answer: true, reason: true, at: true } }),
    ]);
    const rows: ResponseExportRow[] = responses.map((r) => ({
      participantId: r.participantId, questionId: r.questionId, attempt: r.attempt, params: r.params as Record<string, number>,
      answer: r.answer, status: r.status, correct: r.correct, score: r.score, feedbackKey: r.feedbackKey, msToAnswer: r.msToAnswer, answeredAt: r.answeredAt,
    }));
    return {
      responses: rows,
      unreadable,
      input: {
        session: { id: s.id, code: s.code, status: s.status, createdAt: s.createdAt.getTime(), endedAt: s.endedAt?.getTime() ?? null, classroom: s.classroom },
        lesson: s.lesson as unknown as Lesson,
        participants: participants.map((x) => ({ id: x.id, nickname: x.nickname, joinedAt: x.joinedAt.getTime(), removed: x.removed })),
        openedQuestions: opened.map((e) => {
          const ev = e.payload as { questionId: string; at: number };
          return { questionId: ev.questionId, at: ev.at };
        }),
        responses: rows.map((r) => ({ ...r, answeredAt: r.answeredAt.getTime() })),
        experimentRuns: runs.map((r) => ({ participantId: r.participantId, activityId: r.activityId, value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss })),
        unreadable: unreadable.map((u) => ({ participantId: u.participantId, questionId: u.questionId })),
      },
    };
  }

  /** The status of a session the teacher owns, or null (cheap ownership check). */
  async ownedStatus(sessionId: string, teacherId: string): Promise<string | null> {
    const s = await this.db.prisma.classSession.findFirst({ where: { id: sessionId, teacherId }, select: { status: true } });
    return s?.status ?? null;
  }

  /** The class (roster) a session the teacher owns was run for: undefined when not theirs, null when run for no class. */
  async ownedSessionClass(sessionId: string, teacherId: string): Promise<{ id: string; name: string } | null | undefined> {
    const s = await this.db.prisma.classSession.findFirst({ where: { id: sessionId, teacherId }, select: { classroom: { select: { id: true, name: true } } } });
    return s ? s.classroom : undefined;
  }

  /** Delete a session the teacher owns, with its participants, answers, runs and log (cascade). */
  async deleteOwned(sessionId: string, teacherId: string): Promise<boolean> {
    const { count } = await this.db.prisma.classSession.deleteMany({ where: { id: sessionId, teacherId } });
    return count === 1;
  }
}
