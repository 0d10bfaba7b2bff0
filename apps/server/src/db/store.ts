import type { SessionEvent } from "@livelab/core/session";
import type { GradeResult } from "@livelab/core/questions";
import type { Lesson } from "@livelab/core/lesson";
import type { Database } from "./database.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface ResponseRow {
  id: string;
  sessionId: string;
  participantId: string;
  questionId: string;
  attempt: number;
  params: Record<string, number>;
  answer: unknown;
  result: GradeResult;
  idempotencyKey: string;
  msToAnswer: number | null;
  answeredAt: Date;
}

/** A participant row as the join batcher writes it. */
export interface ParticipantRow {
  id: string;
  sessionId: string;
  nickname: string;
  nicknameKey: string;
  resumeTokenHash: string;
  joinedAt: Date;
}

export interface LoadedSession {
  id: string;
  code: string;
  lessonId: string;
  lesson: Lesson;
  seed: number;
  status: string;
  events: SessionEvent[];
  participants: { id: string; nickname: string; nicknameKey: string; resumeTokenHash: string; joinedAt: Date; removed: boolean }[];
  responses: ResponseRow[];
  experimentRuns: { participantId: string; activityId: string; value: number; trainLoss: number; valLoss: number }[];
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * All of the live server's reads and writes, in one place. Each method is one transaction;
 * the caller acknowledges to clients only after it resolves.
 */
export class SessionStore {
  constructor(readonly db: Database) {}

  async createSession(s: { id: string; code: string; lessonId: string; lesson: Lesson; hostSecretHash: string; seed: number; teacherId: string | null }, events: SessionEvent[]): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.classSession.create({ data: { ...s, lesson: json(s.lesson) } }),
      this.db.prisma.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId: s.id, seq: i + 1, type: e.type, payload: json(e) })) }),
    ]);
  }

  /** Append log events with consecutive sequence numbers starting at fromSeq, and mirror the status. */
  async appendEvents(sessionId: string, fromSeq: number, events: SessionEvent[], status?: { status: string; endedAt?: Date }): Promise<void> {
    if (events.length === 0) return;
    const ops: Prisma.PrismaPromise<unknown>[] = [
      this.db.prisma.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId, seq: fromSeq + i, type: e.type, payload: json(e) })) }),
    ];
    if (status) ops.push(this.db.prisma.classSession.update({ where: { id: sessionId }, data: { status: status.status, endedAt: status.endedAt ?? null } }));
    await this.db.prisma.$transaction(ops);
  }

  async insertParticipants(rows: ParticipantRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.prisma.participant.createMany({ data: rows.map((p) => ({ ...p, lastSeenAt: p.joinedAt })) });
  }

  async markRemoved(participantId: string): Promise<void> {
    await this.db.prisma.participant.update({ where: { id: participantId }, data: { removed: true } });
  }

  /** Many answers in one transaction (the answer batcher's flush). */
  async insertResponses(rows: ResponseRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.prisma.response.createMany({
      data: rows.map((r) => ({
        id: r.id, sessionId: r.sessionId, participantId: r.participantId, questionId: r.questionId, attempt: r.attempt,
        params: json(r.params), answer: json(r.answer ?? null), status: r.result.status, correct: r.result.correct, score: r.result.score,
        feedbackKey: r.result.feedbackKey, idempotencyKey: r.idempotencyKey, msToAnswer: r.msToAnswer, answeredAt: r.answeredAt,
      })),
    });
  }

  async saveExperimentRun(r: { id: string; sessionId: string; participantId: string; activityId: string; params: Record<string, unknown>; value: number; trainLoss: number; valLoss: number }): Promise<void> {
    await this.db.prisma.experimentRun.upsert({
      where: { participantId_activityId: { participantId: r.participantId, activityId: r.activityId } },
      create: { ...r, params: json(r.params) },
      update: { params: json(r.params), value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss, createdAt: new Date() },
    });
  }

  async codeExists(code: string): Promise<{ status: string } | null> {
    return this.db.prisma.classSession.findUnique({ where: { code }, select: { status: true } });
  }

  /** Every session that has not ended, with everything needed to rebuild its live state. */
  async loadLiveSessions(): Promise<LoadedSession[]> {
    const sessions = await this.db.prisma.classSession.findMany({ where: { status: { not: "ended" } } });
    const out: LoadedSession[] = [];
    for (const s of sessions) {
      const [events, participants, responses, runs] = await Promise.all([
        this.db.prisma.sessionEvent.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }),
        this.db.prisma.participant.findMany({ where: { sessionId: s.id }, orderBy: { joinedAt: "asc" } }),
        this.db.prisma.response.findMany({ where: { sessionId: s.id }, orderBy: [{ answeredAt: "asc" }, { attempt: "asc" }] }),
        this.db.prisma.experimentRun.findMany({ where: { sessionId: s.id } }),
      ]);
      out.push({
        id: s.id, code: s.code, lessonId: s.lessonId, lesson: s.lesson as unknown as Lesson, seed: s.seed, status: s.status,
        events: events.map((e) => e.payload as unknown as SessionEvent),
        participants,
        responses: responses.map((r) => ({
          id: r.id, sessionId: r.sessionId, participantId: r.participantId, questionId: r.questionId, attempt: r.attempt,
          params: r.params as Record<string, number>, answer: r.answer, idempotencyKey: r.idempotencyKey, msToAnswer: r.msToAnswer, answeredAt: r.answeredAt,
          result: { status: r.status as GradeResult["status"], correct: r.correct, score: r.score, feedbackKey: r.feedbackKey, feedback: "", expected: "" },
        })),
        experimentRuns: runs.map((r) => ({ participantId: r.participantId, activityId: r.activityId, value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss })),
      });
    }
    return out;
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }
}
