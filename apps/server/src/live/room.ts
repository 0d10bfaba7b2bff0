import { gradeAnswer, questionSeed, resolvePrediction, sampleParams, type GradeResult } from "@livelab/core/questions";
import { teacherOutline, type Lesson } from "@livelab/core/lesson";
import { ERROR_CODES, fail, ok, type Ack } from "@livelab/core/protocol";
import {
  activityView, apply, checkAnswer, decide, findQuestionInLesson, isLogEvent, revealedResult, stepAt, studentQuestionState, studentSnapshot,
  type SessionCommand, type SessionContext, type SessionEvent, type SessionState, type StudentSnapshot, type Timeline,
} from "@livelab/core/session";
import { getPreset, type Keyframe } from "@livelab/core/sim";
import type { Logger } from "pino";
import { isUniqueViolation, type ParticipantRow, type ResponseRow, type SessionStore } from "../db/store.ts";
import { hashSecret, newId, newSecret, secretMatches } from "../security/tokens.ts";
import { WriteBatcher } from "./writeBatcher.ts";
import type { ExperimentPool } from "./experimentPool.ts";
import { Coalescer, questionProgress, type ClassProgress } from "./progress.ts";
import { SimRunner } from "./simRunner.ts";

/** How a room reaches sockets; implemented over Socket.IO rooms by the server, by arrays in tests. */
export interface RoomTransport {
  toStudents(event: string, payload: unknown): void;
  toTeachers(event: string, payload: unknown): void;
  toParticipant(participantId: string, event: string, payload: unknown): void;
  connectedParticipants(): string[];
  disconnectParticipant(participantId: string): void;
}

export interface RoomDeps {
  store: SessionStore;
  experiments: ExperimentPool;
  log: Logger;
  now?: () => number;
  /** Checks a nickname against a profanity list; returns a reason or null. */
  nicknamePolicy?: (nickname: string) => string | null;
}

/** The part of the state every student may see (one payload, broadcast once). */
export interface PublicState {
  sessionId: string;
  status: SessionState["status"];
  paused: boolean;
  activity: ReturnType<typeof activityView>;
  timeline: Timeline | null;
  questions: { questionId: string; status: string; deadline: number | null }[];
  serverTime: number;
}

export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * One live class: the thin shell around core's state machine. It decides with `decide`,
 * persists the resulting events, and only then applies them and tells the sockets. Teacher
 * commands run one at a time (a queue); joins and answers run concurrently, guarded by
 * reservations, and answers are written in batches.
 */
export class SessionRoom {
  state: SessionState;
  readonly lesson: Lesson;
  private seq: number;
  private readonly hostSecretHash: string;
  private readonly tokenToParticipant = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly reservedNicknames = new Set<string>();
  private readonly pendingAnswers = new Map<string, { count: number; byKey: Map<string, Promise<Ack<AnswerAck>>> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly batcher: WriteBatcher<ResponseRow>;
  private readonly joins: WriteBatcher<ParticipantRow>;
  private readonly progress: Coalescer;
  private readonly rankUpdates: Coalescer;
  private readonly sim = new SimRunner();
  private checkpointTimer: NodeJS.Timeout | null = null;
  private readonly predictionCache = new Map<string, string | null>();
  /** experiments[activityId][participantId] */
  readonly experiments = new Map<string, Map<string, ExperimentPoint>>();
  private readonly lastRank = new Map<string, number>();
  transport: RoomTransport | null = null;
  private closed = false;

  constructor(private readonly deps: RoomDeps, init: { state: SessionState; lesson: Lesson; seq: number; hostSecretHash: string; tokens: [string, string][] }) {
    this.state = init.state;
    this.lesson = init.lesson;
    this.seq = init.seq;
    this.hostSecretHash = init.hostSecretHash;
    for (const [hash, pid] of init.tokens) this.tokenToParticipant.set(hash, pid);
    this.batcher = new WriteBatcher((rows) => deps.store.insertResponses(rows));
    // Joins are batched too: a lecture hall joining at once is one insert per batch, not per student.
    this.joins = new WriteBatcher((rows) => deps.store.insertParticipants(rows), { maxDelayMs: 10, maxBatch: 500 });
    this.progress = new Coalescer(() => this.transport?.toTeachers("class:progress", this.classProgress(this.takeRosterChange())), 250);
    this.rankUpdates = new Coalescer(() => this.sendRanks(), 1000);
  }

  get id(): string { return this.state.id; }
  get code(): string { return this.state.code; }
  private now(): number { return this.deps.now?.() ?? Date.now(); }
  private ctx(): SessionContext { return { now: this.now(), lesson: this.lesson }; }

  /** Start timers that a restored session needs (deadlines, checkpoints). */
  start(): void {
    for (const [qid, q] of Object.entries(this.state.questions)) if (q.status === "open" && q.deadline !== null) this.scheduleDeadline(qid, q.deadline);
    this.syncCheckpoints();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.progress.stop();
    this.rankUpdates.stop();
  }

  async flush(): Promise<void> {
    await this.joins.flush();
    await this.batcher.flush();
    await this.queue;
  }

  hostSecretValid(secret: string): boolean {
    return secretMatches(secret, this.hostSecretHash);
  }

  // ---------------------------------------------------------------- teacher

  /** Run a teacher (or timer) command: decide, persist, apply, broadcast. Serialized. */
  command(cmd: SessionCommand): Promise<Ack<{ ok: true }>> {
    const run = this.queue.then(() => this.commandNow(cmd));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commandNow(cmd: SessionCommand): Promise<Ack<{ ok: true }>> {
    if (this.closed) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
    const ctx = this.ctx();
    if (cmd.type === "revealQuestion") {
      const found = findQuestionInLesson(ctx, cmd.questionId);
      if (found?.question.kind === "single" && found.question.prediction) cmd = { ...cmd, predictionOutcome: this.prediction(found.question.id, found.question.prediction) };
    }
    const decision = decide(this.state, cmd, ctx);
    if (!decision.ok) return decision;
    const events = decision.events;
    if (events.length === 0) return ok({ ok: true as const });
    const logEvents = events.filter(isLogEvent);
    let next = this.state;
    for (const e of events) next = apply(next, e);
    const statusChanged = next.status !== this.state.status;
    try {
      await this.deps.store.appendEvents(this.id, this.seq + 1, logEvents, statusChanged ? { status: next.status, endedAt: next.endedAt ? new Date(next.endedAt) : undefined } : undefined);
      if (cmd.type === "remove") await this.deps.store.markRemoved(cmd.participantId);
    } catch (e) {
      this.deps.log.error({ err: e, session: this.id }, "could not persist session events");
      // The in-place collections (participants) were not touched by teacher events except removal:
      // undo a removal so memory matches the database.
      if (cmd.type === "remove" && this.state.participants[cmd.participantId]) this.state.participants[cmd.participantId].removed = false;
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; nothing was changed, please retry");
    }
    this.seq += logEvents.length;
    this.state = next;
    this.afterEvents(events);
    return ok({ ok: true as const });
  }

  private prediction(questionId: string, p: Parameters<typeof resolvePrediction>[0]): string | null {
    if (!this.predictionCache.has(questionId)) this.predictionCache.set(questionId, resolvePrediction(p));
    return this.predictionCache.get(questionId)!;
  }

  /** Side effects of committed events: broadcasts, timers, checkpoints. */
  private afterEvents(events: SessionEvent[]): void {
    const t = this.transport;
    let stateChanged = false;
    for (const e of events) {
      switch (e.type) {
        case "question.opened":
          if (e.deadline !== null) this.scheduleDeadline(e.questionId, e.deadline);
          if (t) for (const pid of t.connectedParticipants()) t.toParticipant(pid, "question:opened", this.studentQuestion(pid, e.questionId));
          stateChanged = true;
          break;
        case "question.closed":
          this.clearDeadline(e.questionId);
          stateChanged = true;
          break;
        case "question.revealed":
          if (t) for (const pid of t.connectedParticipants()) t.toParticipant(pid, "question:revealed", revealedResult(this.state, this.ctx(), pid, e.questionId));
          stateChanged = true;
          break;
        case "participant.removed":
          t?.toParticipant(e.participantId, "participant:removed", { reason: "The teacher removed you from this session." });
          t?.disconnectParticipant(e.participantId);
          this.rosterDirty = true;
          this.progress.markDirty();
          stateChanged = true;
          break;
        case "session.ended":
          if (t) for (const pid of t.connectedParticipants()) t.toParticipant(pid, "session:ended", this.personalSummary(pid));
          stateChanged = true;
          break;
        default:
          stateChanged = true;
      }
    }
    if (stateChanged) this.broadcastState();
    this.syncCheckpoints();
    this.progress.markDirty();
  }

  /** Someone connected or left: the teacher's list updates (coalesced). */
  broadcastPresence(): void {
    this.rosterDirty = true;
    this.progress.markDirty();
  }

  broadcastState(): void {
    this.transport?.toStudents("session:state", this.publicState());
    this.transport?.toTeachers("session:state", this.teacherUpdate());
  }

  publicState(): PublicState {
    const activity = this.lesson.activities[this.state.activityIndex];
    return {
      sessionId: this.id,
      status: this.state.status,
      paused: this.state.paused,
      activity: activityView(this.state, this.ctx()),
      timeline: this.state.timeline,
      questions: activity.questions.filter((q) => this.state.questions[q.id]).map((q) => ({ questionId: q.id, status: this.state.questions[q.id].status, deadline: this.state.questions[q.id].deadline })),
      serverTime: this.now(),
    };
  }

  /**
   * Everything the teacher console needs (teacher sockets only), as `host:attach` returns it.
   * State broadcasts carry `teacherUpdate()` instead: the lesson outline never changes and the
   * roster travels in `class:progress` when it changes, so a command in a 2,000-student room
   * does not re-send ~150 kB to every teacher screen.
   */
  teacherState() {
    return { ...this.teacherUpdate(), lesson: this.lessonOutline(), participants: this.roster() };
  }

  teacherUpdate() {
    return {
      ...this.publicState(),
      code: this.code,
      joinLocked: this.state.joinLocked,
      projectorQuestion: this.state.projectorQuestion,
      questionRuntime: this.state.questions,
    };
  }

  private outline: unknown = null;
  private lessonOutline() {
    this.outline ??= teacherOutline(this.lesson);
    return this.outline;
  }

  private roster() {
    const connected = new Set(this.transport?.connectedParticipants() ?? []);
    return Object.values(this.state.participants).map((p) => ({ id: p.id, nickname: p.nickname, removed: p.removed, connected: connected.has(p.id) }));
  }

  classProgress(withRoster = true): ClassProgress {
    const participants = Object.values(this.state.participants).filter((p) => !p.removed);
    const p: ClassProgress = { joined: participants.length, connected: this.transport?.connectedParticipants().length ?? 0, questions: questionProgress(this.state, this.lesson) };
    if (withRoster) p.participants = this.roster();
    return p;
  }

  /** Joins, leaves and removals mark the roster dirty; the next progress message carries it. */
  private rosterDirty = false;
  private takeRosterChange(): boolean {
    const dirty = this.rosterDirty;
    this.rosterDirty = false;
    return dirty;
  }

  private scheduleDeadline(questionId: string, deadline: number): void {
    this.clearDeadline(questionId);
    const delay = Math.max(0, deadline - this.now() + 5);
    const timer = setTimeout(() => {
      this.timers.delete(questionId);
      void this.command({ type: "closeQuestion", questionId, reason: "deadline" });
    }, delay);
    timer.unref();
    this.timers.set(questionId, timer);
  }

  private clearDeadline(questionId: string): void {
    const t = this.timers.get(questionId);
    if (t) clearTimeout(t);
    this.timers.delete(questionId);
  }

  // ---------------------------------------------------------------- simulation

  private syncCheckpoints(): void {
    const playing = this.state.timeline?.playing === true && this.state.status !== "ended";
    if (playing && !this.checkpointTimer) {
      this.checkpointTimer = setInterval(() => void this.sendCheckpoint(), CHECKPOINT_INTERVAL_MS);
      this.checkpointTimer.unref();
    } else if (!playing && this.checkpointTimer) {
      clearInterval(this.checkpointTimer);
      this.checkpointTimer = null;
    }
    // One checkpoint right away after any timeline change (e.g. a pause pins the step).
    if (this.state.timeline) void this.sendCheckpoint();
  }

  private async sendCheckpoint(): Promise<void> {
    const t = this.state.timeline;
    if (!t || this.closed) return;
    try {
      const cp = await this.sim.checkpoint(t, this.now());
      if (this.state.timeline?.revision !== cp.revision) return; // superseded while computing
      this.transport?.toStudents("sim:checkpoint", cp);
      this.transport?.toTeachers("sim:checkpoint", cp);
    } catch (e) {
      this.deps.log.error({ err: e, session: this.id }, "checkpoint failed");
    }
  }

  async keyframe(step?: number): Promise<Ack<{ revision: number; keyframe: Keyframe; changes: Timeline["changes"] }>> {
    const t = this.state.timeline;
    if (!t) return fail(ERROR_CODES.NO_SIMULATION, "the current activity has no simulation");
    const target = step ?? stepAt(t, this.now());
    const keyframe = await this.sim.keyframe(t, target);
    return ok({ revision: t.revision, keyframe, changes: t.changes });
  }

  // ---------------------------------------------------------------- students

  async join(nicknameInput: { nickname: string; key: string }): Promise<Ack<{ participantId: string; resumeToken: string; snapshot: StudentSnapshot }>> {
    if (this.deps.nicknamePolicy) {
      const reason = this.deps.nicknamePolicy(nicknameInput.nickname);
      if (reason) return fail(ERROR_CODES.NICKNAME_INVALID, reason);
    }
    if (this.reservedNicknames.has(nicknameInput.key)) return fail(ERROR_CODES.NICKNAME_TAKEN, "that nickname is taken in this class; pick another");
    const participantId = newId();
    const decision = decide(this.state, { type: "join", participantId, nickname: nicknameInput.nickname, nicknameKey: nicknameInput.key }, this.ctx());
    if (!decision.ok) return decision;
    const resumeToken = newSecret();
    const tokenHash = hashSecret(resumeToken);
    this.reservedNicknames.add(nicknameInput.key);
    try {
      const joined = decision.events[0] as Extract<SessionEvent, { type: "participant.joined" }>;
      await this.joins.add({ id: participantId, sessionId: this.id, nickname: joined.nickname, nicknameKey: joined.nicknameKey, resumeTokenHash: tokenHash, joinedAt: new Date(joined.at) });
      // Re-check after the await: the session may have ended or locked meanwhile.
      if (this.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "this session has ended");
      this.state = apply(this.state, joined);
    } catch (e) {
      if (isUniqueViolation(e)) return fail(ERROR_CODES.NICKNAME_TAKEN, "that nickname is taken in this class; pick another");
      this.deps.log.error({ err: e, session: this.id }, "could not store a participant");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; please try again");
    } finally {
      this.reservedNicknames.delete(nicknameInput.key);
    }
    this.tokenToParticipant.set(tokenHash, participantId);
    this.rosterDirty = true;
    this.progress.markDirty();
    return ok({ participantId, resumeToken, snapshot: this.snapshotFor(participantId) });
  }

  /** The participant a resume token belongs to (in this room), or null. */
  participantForToken(token: string): string | null {
    return this.tokenToParticipant.get(hashSecret(token)) ?? null;
  }

  snapshotFor(participantId: string): StudentSnapshot {
    return studentSnapshot(this.state, this.ctx(), participantId);
  }

  private studentQuestion(participantId: string, questionId: string) {
    return studentQuestionState(this.state, this.ctx(), participantId, questionId);
  }

  async submitAnswer(participantId: string, questionId: string, answer: unknown, idempotencyKey: string): Promise<Ack<AnswerAck>> {
    const slotKey = `${participantId}|${questionId}`;
    const pending = this.pendingAnswers.get(slotKey);
    const inFlight = pending?.byKey.get(idempotencyKey);
    if (inFlight) return inFlight; // the same answer resent while the first is being stored
    const ctx = this.ctx();
    const check = checkAnswer(this.state, participantId, questionId, idempotencyKey, ctx);
    if (check.kind === "refuse") return { ok: false, error: check.error };
    if (check.kind === "duplicate") return ok({ questionId, attempt: check.record.attempt, saved: true as const, duplicate: true });
    const found = findQuestionInLesson(ctx, questionId)!;
    const attempt = check.attempt + (pending?.count ?? 0);
    if (attempt > found.question.attempts) return fail(ERROR_CODES.ALREADY_ANSWERED, "you have already answered this question");

    const params = sampleParams(found.question, questionSeed(this.state.seed, participantId, questionId));
    let result: GradeResult;
    try {
      const predictionOutcome = found.question.kind === "single" && found.question.prediction ? this.prediction(questionId, found.question.prediction) : undefined;
      result = gradeAnswer(found.question, params, answer, { predictionOutcome });
    } catch (e) {
      this.deps.log.error({ err: e, questionId }, "grading failed");
      return fail(ERROR_CODES.INTERNAL, "this answer could not be graded");
    }
    // An answer that cannot be read (empty, "abc", "0.99.8") is refused, not stored: it must
    // not use up the student's attempt. They get the reason and can fix it.
    if (result.status === "invalid") return fail(ERROR_CODES.INVALID_ANSWER, result.reason ?? "that answer could not be read");
    const openedAt = this.state.questions[questionId]?.openedAt ?? ctx.now;
    const row: ResponseRow = {
      id: newId(), sessionId: this.id, participantId, questionId, attempt, params, answer, result, idempotencyKey,
      msToAnswer: Math.max(0, ctx.now - openedAt), answeredAt: new Date(ctx.now),
    };
    const slot = pending ?? { count: 0, byKey: new Map() };
    this.pendingAnswers.set(slotKey, slot);
    slot.count++;
    const work = (async (): Promise<Ack<AnswerAck>> => {
      try {
        await this.batcher.add(row);
      } catch (e) {
        this.deps.log.error({ err: e, session: this.id }, "could not store answers");
        return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "your answer was NOT saved (database unavailable); please send it again");
      } finally {
        slot.count--;
        slot.byKey.delete(idempotencyKey);
        if (slot.count === 0) this.pendingAnswers.delete(slotKey);
      }
      this.state = apply(this.state, { type: "answer.recorded", participantId, questionId, attempt, idempotencyKey, answer, result, at: ctx.now });
      this.progress.markDirty();
      return ok({ questionId, attempt, saved: true as const, duplicate: false });
    })();
    slot.byKey.set(idempotencyKey, work);
    return work;
  }

  /** A student's own numbers at the end of the class. */
  personalSummary(participantId: string) {
    const rows = this.lesson.activities.flatMap((a) => a.questions).filter((q) => this.state.questions[q.id]).map((q) => {
      const last = this.state.answers[q.id]?.[participantId]?.at(-1);
      return { questionId: q.id, answered: !!last, correct: last?.result.correct ?? null, points: q.points };
    });
    const graded = rows.filter((r) => r.correct !== null && r.points > 0);
    return {
      asked: rows.length,
      answered: rows.filter((r) => r.answered).length,
      correct: graded.filter((r) => r.correct).length,
      graded: graded.length,
      questions: rows,
    };
  }

  // ---------------------------------------------------------------- experiments

  async submitExperiment(participantId: string, activityId: string, value: number): Promise<Ack<ExperimentPoint & { rank: number; of: number }>> {
    const p = this.state.participants[participantId];
    if (!p || p.removed) return fail(ERROR_CODES.FORBIDDEN, "not a participant of this session");
    if (this.state.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "this session has ended");
    if (this.state.paused) return fail(ERROR_CODES.SESSION_PAUSED, "the teacher has paused the class");
    const activity = this.lesson.activities[this.state.activityIndex];
    if (!activity || activity.id !== activityId || !activity.experiment) return fail(ERROR_CODES.NO_EXPERIMENT, "there is no class experiment running for that activity");
    const def = getPreset(activity.experiment.presetId).experiment!;
    const allowed = (value === 0 && def.allowZero) || (value >= def.min && value <= def.max);
    if (!allowed) return fail(ERROR_CODES.INVALID_PARAMS, `${def.label} must be ${def.allowZero ? "0 or " : ""}between ${def.min} and ${def.max}`);
    const params = { ...activity.experiment.params, [def.param]: value };
    let outcome;
    try {
      outcome = await this.deps.experiments.run({ presetId: activity.experiment.presetId, params, seed: activity.experiment.seed, steps: def.steps });
    } catch (e) {
      return fail(ERROR_CODES.INVALID_PARAMS, (e as Error).message);
    }
    try {
      await this.deps.store.saveExperimentRun({ id: newId(), sessionId: this.id, participantId, activityId, params, value, trainLoss: outcome.trainLoss, valLoss: outcome.valLoss });
    } catch (e) {
      this.deps.log.error({ err: e, session: this.id }, "could not store an experiment run");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "your run was NOT saved (database unavailable); please send it again");
    }
    const point: ExperimentPoint = { participantId, value, trainLoss: outcome.trainLoss, valLoss: outcome.valLoss };
    const runs = this.experiments.get(activityId) ?? new Map<string, ExperimentPoint>();
    this.experiments.set(activityId, runs);
    runs.set(participantId, point);
    const { rank, of } = this.rankOf(activityId, participantId);
    this.lastRank.set(`${activityId}|${participantId}`, rank);
    this.rankUpdates.markDirty();
    return ok({ ...point, rank, of });
  }

  private rankOf(activityId: string, participantId: string): { rank: number; of: number } {
    const runs = [...(this.experiments.get(activityId)?.values() ?? [])];
    const mine = this.experiments.get(activityId)?.get(participantId);
    if (!mine) return { rank: 0, of: runs.length };
    return { rank: 1 + runs.filter((r) => r.valLoss < mine.valLoss).length, of: runs.length };
  }

  /** Coalesced: the projector's points to the teacher, and changed ranks to their students. */
  private sendRanks(): void {
    const t = this.transport;
    if (!t) return;
    for (const [activityId, runs] of this.experiments) {
      const points = [...runs.values()].map((r) => ({ value: r.value, valLoss: r.valLoss, trainLoss: r.trainLoss }));
      t.toTeachers("experiment:points", { activityId, points });
      const sorted = points.map((p) => p.valLoss).sort((a, b) => a - b);
      for (const [pid, r] of runs) {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < r.valLoss) lo = mid + 1; else hi = mid; }
        const rank = lo + 1;
        const key = `${activityId}|${pid}`;
        if (this.lastRank.get(key) !== rank) {
          this.lastRank.set(key, rank);
          t.toParticipant(pid, "experiment:result", { activityId, ...r, rank, of: sorted.length });
        }
      }
    }
  }
}

export interface AnswerAck {
  questionId: string;
  attempt: number;
  saved: true;
  duplicate: boolean;
}

export interface ExperimentPoint {
  participantId: string;
  value: number;
  trainLoss: number;
  valLoss: number;
}
