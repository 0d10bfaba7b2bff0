import type { Lesson } from "@livelab/core/lesson";
import type { GradeResult } from "@livelab/core/questions";
import type { SessionEvent } from "@livelab/core/session";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";
import type { ExperimentRunRow, LoadedSession, NewSession, ParticipantRow, ResponseRow, RoomStore, UnreadableRow } from "./roomStore.ts";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * The live rooms' storage on the real database (PGlite or PostgreSQL, through Prisma). Each
 * method is one transaction; the room acknowledges to clients only after it resolves.
 */
export type HotWrite = "answers" | "joins" | "events";

export class PrismaRoomStore implements RoomStore {
  /** Told of every hot write once it is committed (the metrics): what, seconds taken, rows. */
  onWrite: ((what: HotWrite, seconds: number, rows: number) => void) | null = null;

  constructor(private readonly db: Database) {}

  private async timed(what: HotWrite, rows: number, write: () => Promise<unknown>): Promise<void> {
    const t0 = performance.now();
    await write();
    this.onWrite?.(what, (performance.now() - t0) / 1000, rows);
  }

  async createSession(s: NewSession, events: SessionEvent[]): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.classSession.create({ data: { ...s, lesson: json(s.lesson) } }),
      this.db.prisma.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId: s.id, seq: i + 1, type: e.type, payload: json(e) })) }),
    ]);
  }

  async appendEvents(sessionId: string, fromSeq: number, events: SessionEvent[], status?: { status: string; endedAt?: Date }): Promise<void> {
    if (events.length === 0) return;
    const ops: Prisma.PrismaPromise<unknown>[] = [
      this.db.prisma.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId, seq: fromSeq + i, type: e.type, payload: json(e) })) }),
    ];
    for (const e of events) {
      if (e.type === "participant.removed") ops.push(this.db.prisma.participant.update({ where: { id: e.participantId, sessionId }, data: { removed: true } }));
    }
    if (status) ops.push(this.db.prisma.classSession.update({ where: { id: sessionId }, data: { status: status.status, endedAt: status.endedAt ?? null } }));
    await this.timed("events", events.length, () => this.db.prisma.$transaction(ops));
  }

  /**
   * Many joins in one statement (the join batcher's flush). Hot paths use one fixed SQL text
   * with array parameters instead of Prisma's createMany: Prisma compiles a query per distinct
   * row count, which was the largest single cost of a 2,000-student join storm and answer
   * burst (docs/BENCHMARKS.md). Same columns, same constraints, same errors (23505 = unique).
   */
  async insertParticipants(rows: ParticipantRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.timed("joins", rows.length, () => this.db.query(
      `INSERT INTO "Participant" (id, "sessionId", nickname, "nicknameKey", "resumeTokenHash", "joinedAt", "lastSeenAt", "studentId")
       SELECT id, s, n, k, h, t, t, st FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[], $7::text[]) AS r(id, s, n, k, h, t, st)`,
      [rows.map((r) => r.id), rows.map((r) => r.sessionId), rows.map((r) => r.nickname), rows.map((r) => r.nicknameKey), rows.map((r) => r.resumeTokenHash), rows.map((r) => r.joinedAt.toISOString()), rows.map((r) => r.studentId ?? null)],
    ));
  }

  /** Many answers in one statement (the answer batcher's flush); see insertParticipants. */
  async insertResponses(rows: ResponseRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.timed("answers", rows.length, () => this.db.query(
      `INSERT INTO "Response" (id, "sessionId", "participantId", "questionId", attempt, params, answer, status, correct, score, "feedbackKey", "idempotencyKey", "msToAnswer", "answeredAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::text[], $9::boolean[], $10::float8[], $11::text[], $12::text[], $13::int[], $14::timestamp(3)[])`,
      [
        rows.map((r) => r.id), rows.map((r) => r.sessionId), rows.map((r) => r.participantId), rows.map((r) => r.questionId), rows.map((r) => r.attempt),
        rows.map((r) => JSON.stringify(r.params)), rows.map((r) => JSON.stringify(r.answer ?? null)), rows.map((r) => r.result.status),
        rows.map((r) => r.result.correct), rows.map((r) => r.result.score), rows.map((r) => r.result.feedbackKey), rows.map((r) => r.idempotencyKey),
        rows.map((r) => r.msToAnswer), rows.map((r) => r.answeredAt.toISOString()),
      ],
    ));
  }

  async insertUnreadable(rows: UnreadableRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.prisma.unreadableAnswer.createMany({ data: rows });
  }

  async saveExperimentRun(r: ExperimentRunRow): Promise<void> {
    await this.db.prisma.experimentRun.upsert({
      where: { participantId_activityId: { participantId: r.participantId, activityId: r.activityId } },
      create: { ...r, params: json(r.params) },
      update: { params: json(r.params), value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss, createdAt: new Date() },
    });
  }

  async codeStatus(code: string): Promise<{ status: string } | null> {
    return this.db.prisma.classSession.findUnique({ where: { code }, select: { status: true } });
  }

  async countLiveSessions(teacherId: string): Promise<number> {
    return this.db.prisma.classSession.count({ where: { teacherId, status: { not: "ended" } } });
  }

  async loadLiveSessions(): Promise<LoadedSession[]> {
    const sessions = await this.db.prisma.classSession.findMany({ where: { status: { not: "ended" } } });
    const out: LoadedSession[] = [];
    for (const s of sessions) {
      const [events, participants, responses, runs, unreadable] = await Promise.all([
        this.db.prisma.sessionEvent.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }),
        this.db.prisma.participant.findMany({ where: { sessionId: s.id }, orderBy: { joinedAt: "asc" } }),
        this.db.prisma.response.findMany({ where: { sessionId: s.id }, orderBy: [{ answeredAt: "asc" }, { attempt: "asc" }] }),
        this.db.prisma.experimentRun.findMany({ where: { sessionId: s.id } }),
        this.db.prisma.unreadableAnswer.findMany({ where: { sessionId: s.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { participantId: true, questionId: true, answer: true, reason: true, at: true } }),
      ]);
      out.push({
        id: s.id, code: s.code, lessonId: s.lessonId, lesson: s.lesson as unknown as Lesson, seed: s.seed, status: s.status, hostSecretHash: s.hostSecretHash, teacherId: s.teacherId,
        events: events.map((e) => e.payload as unknown as SessionEvent),
        participants: participants.map((p) => ({ id: p.id, sessionId: p.sessionId, nickname: p.nickname, nicknameKey: p.nicknameKey, resumeTokenHash: p.resumeTokenHash, joinedAt: p.joinedAt, removed: p.removed })),
        responses: responses.map((r) => ({
          id: r.id, sessionId: r.sessionId, participantId: r.participantId, questionId: r.questionId, attempt: r.attempt,
          params: r.params as Record<string, number>, answer: r.answer, idempotencyKey: r.idempotencyKey, msToAnswer: r.msToAnswer, answeredAt: r.answeredAt,
          result: { status: r.status as GradeResult["status"], correct: r.correct, score: r.score, feedbackKey: r.feedbackKey, feedback: "", expected: "" },
        })),
        experimentRuns: runs.map((r) => ({ participantId: r.participantId, activityId: r.activityId, value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss })),
        unreadable,
      });
    }
    return out;
  }
}
