import { builtInLesson, type Lesson } from "@livelab/core/lesson";
import { gradeAnswer, questionSeed, sampleParams } from "@livelab/core/questions";
import { decide, emptyState, fold, apply, findQuestionInLesson, type SessionEvent } from "@livelab/core/session";
import { isUniqueViolation, type LoadedSession } from "../db/store.ts";
import { hashSecret, newId, newJoinCode, newSecret, newSeed } from "../security/tokens.ts";
import { SessionRoom, type RoomDeps } from "./room.ts";

/** Lessons a teacher can start. Built in for now; imported lesson files come later. */
export function lessonById(id: string): Lesson | null {
  const lesson = builtInLesson();
  return id === lesson.id ? lesson : null;
}

/**
 * All live rooms of this server, by id and by join code. Creating a session persists it
 * before the room exists; at start-up every session that had not ended is rebuilt from the
 * database (the fold of its events, its participants and its answers).
 */
export class Rooms {
  private byId = new Map<string, SessionRoom>();
  private byCode = new Map<string, SessionRoom>();

  constructor(private readonly deps: RoomDeps) {}

  get(id: string): SessionRoom | undefined { return this.byId.get(id); }
  getByCode(code: string): SessionRoom | undefined { return this.byCode.get(code.toUpperCase()); }
  all(): SessionRoom[] { return [...this.byId.values()]; }

  /** Start a session of `lesson` owned by `teacherId` (null only for tools and tests without accounts). */
  async create(lesson: Lesson, teacherId: string | null): Promise<{ room: SessionRoom; hostSecret: string }> {
    const hostSecret = newSecret();
    const now = this.deps.now?.() ?? Date.now();
    for (let tries = 0; ; tries++) {
      const code = newJoinCode();
      if (this.byCode.has(code) || (await this.deps.store.codeExists(code))) continue;
      const id = newId();
      const seed = newSeed();
      const decision = decide(emptyState(), { type: "create", sessionId: id, code, lessonId: lesson.id, seed }, { now, lesson });
      if (!decision.ok) throw new Error(decision.error.message);
      try {
        await this.deps.store.createSession({ id, code, lessonId: lesson.id, lesson, hostSecretHash: hashSecret(hostSecret), seed, teacherId }, decision.events);
      } catch (e) {
        if (isUniqueViolation(e) && tries < 5) continue; // code collision with another node
        throw e;
      }
      const room = new SessionRoom(this.deps, { state: fold(decision.events), lesson, seq: decision.events.length, hostSecretHash: hashSecret(hostSecret), tokens: [] });
      this.add(room);
      room.start();
      return { room, hostSecret };
    }
  }

  private add(room: SessionRoom): void {
    this.byId.set(room.id, room);
    this.byCode.set(room.code, room);
  }

  remove(room: SessionRoom): void {
    room.close();
    this.byId.delete(room.id);
    this.byCode.delete(room.code);
  }

  /** Rebuild every unfinished session from the database (after a restart). */
  async restore(): Promise<number> {
    const sessions = await this.deps.store.loadLiveSessions();
    const hostHashes = await this.deps.store.db.prisma.classSession.findMany({ where: { id: { in: sessions.map((s) => s.id) } }, select: { id: true, hostSecretHash: true } });
    const hostById = new Map(hostHashes.map((h) => [h.id, h.hostSecretHash]));
    for (const s of sessions) {
      const room = rebuildRoom(this.deps, s, hostById.get(s.id)!);
      this.add(room);
      room.start();
    }
    return sessions.length;
  }

  closeAll(): void {
    for (const room of this.byId.values()) room.close();
  }
}

export function rebuildRoom(deps: RoomDeps, s: LoadedSession, hostSecretHash: string): SessionRoom {
  const lesson = s.lesson;
  let state = fold(s.events);
  for (const p of s.participants) {
    state = apply(state, { type: "participant.joined", participantId: p.id, nickname: p.nickname, nicknameKey: p.nicknameKey, at: p.joinedAt.getTime() });
    if (p.removed) state = apply(state, { type: "participant.removed", participantId: p.id, at: p.joinedAt.getTime() });
  }
  const ctx = { now: Date.now(), lesson };
  for (const r of s.responses) {
    // Feedback text is not stored: grading is deterministic, so re-grade the stored answer.
    const found = findQuestionInLesson(ctx, r.questionId);
    const params = found ? sampleParams(found.question, questionSeed(state.seed, r.participantId, r.questionId)) : r.params;
    const predictionOutcome = state.questions[r.questionId]?.predictionOutcome;
    const result = found ? gradeAnswer(found.question, params, r.answer, predictionOutcome !== undefined ? { predictionOutcome } : {}) : r.result;
    const e: SessionEvent = { type: "answer.recorded", participantId: r.participantId, questionId: r.questionId, attempt: r.attempt, idempotencyKey: r.idempotencyKey, answer: r.answer, result, at: r.answeredAt.getTime() };
    state = apply(state, e);
  }
  const room = new SessionRoom(deps, { state, lesson, seq: s.events.length, hostSecretHash, tokens: s.participants.map((p) => [p.resumeTokenHash, p.id]) });
  for (const run of s.experimentRuns) {
    const runs = room.experiments.get(run.activityId) ?? new Map();
    runs.set(run.participantId, { participantId: run.participantId, value: run.value, trainLoss: run.trainLoss, valLoss: run.valLoss });
    room.experiments.set(run.activityId, runs);
  }
  return room;
}

