import type { Lesson } from "@livelab/core/lesson";
import { ERROR_CODES, fail, ok, type Ack, type AnswerAck, type ClassProgress, type CommandAck, type ExperimentAck, type JoinAck, type KeyframeAck, type ReviewAck, type TeacherState } from "@livelab/core/protocol";
import { resolvePrediction } from "@livelab/core/questions";
import {
  applyAll, classProgress, decide, experimentJob, isLogEvent, lessonOutline, personalSummary, publicState, revealedResult, stageView,
  studentQuestionState, studentReview, studentSnapshot, teacherState, teacherUpdate,
  type Decision, type LessonOutline, type PersonalSummary, type SessionCommand, type SessionContext, type SessionEvent, type SessionState, type StageView, type StudentSnapshot,
} from "@livelab/core/session";
import type { Logger } from "pino";
import { isUniqueViolation, type ParticipantRow, type ResponseRow, type RoomStore, type UnreadableRow } from "../db/roomStore.ts";
import { hashSecret, newId, newSecret, secretMatches } from "../security/tokens.ts";
import { ClassExperiments } from "./classExperiments.ts";
import { Coalescer } from "./coalescer.ts";
import type { ExperimentPool } from "./experimentPool.ts";
import type { RoomTransport } from "./roomTransport.ts";
import { RoomSimulation } from "./roomSimulation.ts";
import { WriteBatcher } from "./writeBatcher.ts";

export interface RoomDeps {
  store: RoomStore;
  experiments: ExperimentPool;
  log: Logger;
  now?: () => number;
  /** Checks a nickname against a profanity list; returns a reason or null. */
  nicknamePolicy?: (nickname: string) => string | null;
}

export interface RoomInit {
  state: SessionState;
  lesson: Lesson;
  /** Sequence number of the last stored SessionEvent. */
  seq: number;
  hostSecretHash: string;
  /** The teacher account that owns the session (null: made without an account, by tools and old tests). */
  teacherId: string | null;
  /** [resume token hash, participant id] of everyone who joined. */
  tokens: [string, string][];
  transport: RoomTransport;
  /** When a teacher or a student last did something (default: now): idle rooms are ended. */
  lastActivityAt?: number;
}

/** A stored row and the event it records: applied to the state once its batch commits. */
interface Pending<Row> { row: Row; event: SessionEvent }

/**
 * One live class: a thin shell around core's state machine. Every change takes one path —
 * `decide` (core, pure) → persist → `applyAll` (core, pure) → tell the sockets — so memory
 * never holds what the database does not. Teacher and timer commands run one at a time;
 * joins and answers run concurrently and are written in batches (one insert per batch), each
 * acknowledged only after its batch commits.
 */
export class SessionRoom {
  // What the class is.
  private current: SessionState;
  readonly lesson: Lesson;
  private outline: LessonOutline | null = null;
  private seq: number;
  private readonly hostSecretHash: string;
  private readonly teacherId: string | null;
  private readonly tokenToParticipant = new Map<string, string>();
  private readonly transport: RoomTransport;
  private closed = false;
  private lastActivity: number;

  // Concurrency: commands in order; a nickname reserved while its join is being written; one
  // answer at a time per student and question (the next attempt number depends on the last).
  private commandQueue: Promise<unknown> = Promise.resolve();
  private readonly reservedNicknames = new Set<string>();
  private readonly answerSlots = new Map<string, Promise<unknown>>();
  private readonly answersInFlight = new Map<string, Promise<Ack<AnswerAck>>>();

  // Writes, batched.
  private readonly joins: WriteBatcher<Pending<ParticipantRow>>;
  private readonly answers: WriteBatcher<Pending<ResponseRow>>;
  private readonly unreadable: WriteBatcher<Pending<UnreadableRow>>;

  // Timers and what the room tells the teacher, coalesced.
  private readonly deadlines = new Map<string, NodeJS.Timeout>();
  private readonly progress: Coalescer;
  private rosterDirty = false;

  // The server's copy of the simulation, prediction outcomes (costly: each runs a simulation), experiments.
  private readonly simulation: RoomSimulation;
  private readonly predictions = new Map<string, string | null>();
  readonly experiments: ClassExperiments;

  constructor(private readonly deps: RoomDeps, init: RoomInit) {
    this.current = init.state;
    this.lesson = init.lesson;
    this.seq = init.seq;
    this.hostSecretHash = init.hostSecretHash;
    this.teacherId = init.teacherId;
    this.transport = init.transport;
    this.lastActivity = init.lastActivityAt ?? this.now();
    for (const [hash, pid] of init.tokens) this.tokenToParticipant.set(hash, pid);
    const applyCommitted = <Row>(write: (rows: Row[]) => Promise<void>) => async (batch: Pending<Row>[]) => {
      await write(batch.map((b) => b.row));
      this.current = applyAll(this.current, batch.map((b) => b.event));
    };
    // A lecture hall joining at once is one insert per batch, not per student.
    this.joins = new WriteBatcher(applyCommitted((rows) => deps.store.insertParticipants(rows)), { maxDelayMs: 10, maxBatch: 500 });
    this.answers = new WriteBatcher(applyCommitted((rows) => deps.store.insertResponses(rows)));
    this.unreadable = new WriteBatcher(applyCommitted((rows) => deps.store.insertUnreadable(rows)));
    // Answers and joins reach the console and the projector's counters together, a few times a second.
    this.progress = new Coalescer(() => {
      this.transport.toTeachers("class:progress", this.classProgress(this.takeRosterChange()));
      this.transport.toStage("stage:state", this.stage());
    }, 250);
    this.experiments = new ClassExperiments(init.state.id, {
      store: deps.store, pool: deps.experiments, transport: this.transport, log: deps.log, onPoints: () => this.progress.markDirty(),
    });
    this.simulation = new RoomSimulation({
      timeline: () => this.current.timeline, live: () => this.current.status !== "ended", now: () => this.now(),
      transport: this.transport, log: deps.log, sessionId: init.state.id,
    });
  }

  get state(): SessionState { return this.current; }
  get id(): string { return this.current.id; }
  get code(): string { return this.current.code; }
  private now(): number { return this.deps.now?.() ?? Date.now(); }

  private ctx(): SessionContext {
    return { now: this.now(), lesson: this.lesson, prediction: (q) => this.prediction(q.id, q.prediction!) };
  }

  private prediction(questionId: string, p: Parameters<typeof resolvePrediction>[0]): string | null {
    if (!this.predictions.has(questionId)) this.predictions.set(questionId, resolvePrediction(p));
    return this.predictions.get(questionId)!;
  }

  /** Core's decision, with a bug in it answered as INTERNAL rather than thrown at a socket. */
  private decide(cmd: SessionCommand): Decision {
    try {
      return decide(this.current, cmd, this.ctx());
    } catch (e) {
      this.deps.log.error({ err: e, session: this.id, command: cmd.type }, "decide failed");
      return fail(ERROR_CODES.INTERNAL, "something went wrong on the server");
    }
  }

  /** Start timers that a restored session needs (deadlines, checkpoints). */
  start(): void {
    for (const [qid, q] of Object.entries(this.current.questions)) if (q.status === "open" && q.deadline !== null) this.scheduleDeadline(qid, q.deadline);
    this.simulation.sync();
  }

  close(): void {
    this.closed = true;
    for (const t of this.deadlines.values()) clearTimeout(t);
    this.deadlines.clear();
    this.simulation.close();
    this.progress.stop();
    this.experiments.close();
  }

  /** Wait for every queued write and command. */
  async flush(): Promise<void> {
    await this.joins.flush();
    await this.answers.flush();
    await this.unreadable.flush();
    await this.commandQueue;
  }

  /** Someone did something in this class (a teacher command, a join, a resume, an answer, a run). */
  touch(): void {
    this.lastActivity = this.now();
  }

  /** When anyone last did something here (Rooms ends rooms idle for too long). */
  get lastActivityAt(): number {
    return this.lastActivity;
  }

  hostSecretValid(secret: string): boolean {
    return secretMatches(secret, this.hostSecretHash);
  }

  /** Whether this signed-in teacher owns the session (their account attaches their screens). */
  ownedBy(teacherId: string | null): boolean {
    return teacherId !== null && this.teacherId !== null && teacherId === this.teacherId;
  }

  /** Whether a view-only pairing code opens this session's stage: the current code, not revoked, class not over. */
  pairingValid(code: string): boolean {
    const p = this.current.pairing;
    return p !== null && this.current.status !== "ended" && secretMatches(code, p.codeHash);
  }

  // ---------------------------------------------------------------- teacher and timers

  /** Run a teacher (or timer) command: decide, persist, apply, broadcast. Serialized. */
  command(cmd: SessionCommand): Promise<Ack<CommandAck>> {
    // A timer closing a question is not someone in the room.
    if (!(cmd.type === "closeQuestion" && cmd.reason === "deadline")) this.touch();
    const run = this.commandQueue.then(() => this.commandNow(cmd));
    this.commandQueue = run.catch(() => undefined);
    return run;
  }

  private async commandNow(cmd: SessionCommand): Promise<Ack<CommandAck>> {
    if (this.closed) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
    const decision = this.decide(cmd);
    if (!decision.ok) return decision;
    const events = decision.events;
    if (events.length === 0) return ok({ done: true });
    const logEvents = events.filter(isLogEvent);
    const after = applyAll(this.current, events);
    const statusChanged = after.status !== this.current.status;
    try {
      await this.deps.store.appendEvents(this.id, this.seq + 1, logEvents, statusChanged ? { status: after.status, endedAt: after.endedAt ? new Date(after.endedAt) : undefined } : undefined);
    } catch (e) {
      this.deps.log.error({ err: e, session: this.id }, "could not persist session events");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; nothing was changed, please retry");
    }
    this.seq += logEvents.length;
    // Applied to the state as it is now: joins and answers may have committed meanwhile.
    this.current = applyAll(this.current, events);
    this.afterEvents(events);
    return ok({ done: true });
  }

  /** Side effects of committed events: broadcasts, timers, checkpoints. */
  private afterEvents(events: SessionEvent[]): void {
    const t = this.transport;
    for (const e of events) {
      switch (e.type) {
        case "question.opened":
          if (e.deadline !== null) this.scheduleDeadline(e.questionId, e.deadline);
          for (const pid of t.connectedParticipants()) {
            const q = studentQuestionState(this.current, this.ctx(), pid, e.questionId);
            if (q) t.toParticipant(pid, "question:opened", q);
          }
          break;
        case "question.closed":
          this.clearDeadline(e.questionId);
          break;
        case "question.extended":
          this.scheduleDeadline(e.questionId, e.deadline);
          break;
        case "viewers.paired":
        case "viewers.revoked":
          // A new code replaces the old one: screens paired with it stop, like after a revoke.
          t.disconnectPairedScreens();
          break;
        case "question.revealed":
          for (const pid of t.connectedParticipants()) {
            const r = revealedResult(this.current, this.ctx(), pid, e.questionId);
            if (r) t.toParticipant(pid, "question:revealed", r);
          }
          break;
        case "participant.removed":
          t.toParticipant(e.participantId, "participant:removed", { reason: "The teacher removed you from this session." });
          t.disconnectParticipant(e.participantId);
          this.rosterDirty = true;
          break;
        case "session.ended":
          for (const pid of t.connectedParticipants()) t.toParticipant(pid, "session:ended", this.personalSummary(pid));
          break;
        default:
          break;
      }
    }
    this.broadcastState();
    this.simulation.sync();
    this.progress.markDirty();
  }

  broadcastState(): void {
    const ctx = this.ctx();
    this.transport.toStudents("session:state", publicState(this.current, ctx));
    this.transport.toTeachers("host:state", teacherUpdate(this.current, ctx));
    this.transport.toStage("stage:state", stageView(this.current, ctx, this.stageExtras));
  }

  /** What the projector shows now (core's stage view with the class experiments' points). */
  stage(): StageView {
    return stageView(this.current, this.ctx(), this.stageExtras);
  }

  private readonly stageExtras = {
    experimentPoints: (activityId: string) => this.experiments.points(activityId).map((p) => ({ value: p.value, valLoss: p.valLoss })),
  };

  /** Someone connected or left: the teacher's list updates (coalesced). */
  broadcastPresence(): void {
    this.rosterDirty = true;
    this.progress.markDirty();
  }

  /**
   * Everything the teacher console needs, as `host:attach` returns it. State broadcasts carry
   * only `teacherUpdate`: the outline never changes and the roster travels in `class:progress`
   * when it changes, so a command in a 2,000-student room does not resend ~150 kB.
   */
  teacherState(): TeacherState {
    this.outline ??= lessonOutline(this.lesson, this.current.seed);
    return teacherState(this.current, this.ctx(), this.outline, this.transport.connectedParticipants());
  }

  classProgress(withRoster = true): ClassProgress {
    return classProgress(this.current, this.lesson, this.transport.connectedParticipants(), withRoster);
  }

  private takeRosterChange(): boolean {
    const dirty = this.rosterDirty;
    this.rosterDirty = false;
    return dirty;
  }

  private scheduleDeadline(questionId: string, deadline: number): void {
    this.clearDeadline(questionId);
    const delay = Math.max(0, deadline - this.now() + 5);
    const timer = setTimeout(() => {
      this.deadlines.delete(questionId);
      void this.command({ type: "closeQuestion", questionId, reason: "deadline" });
    }, delay);
    timer.unref();
    this.deadlines.set(questionId, timer);
  }

  private clearDeadline(questionId: string): void {
    const t = this.deadlines.get(questionId);
    if (t) clearTimeout(t);
    this.deadlines.delete(questionId);
  }

  // ---------------------------------------------------------------- simulation

  keyframe(step?: number): Promise<Ack<KeyframeAck>> {
    return this.simulation.keyframe(step);
  }

  // ---------------------------------------------------------------- students

  /** A student joins: with a nickname, or as a roster student (`studentId`: a class run for their roster). */
  async join(nicknameInput: { nickname: string; key: string; studentId?: string }): Promise<Ack<Omit<JoinAck, "sessionId">>> {
    if (this.deps.nicknamePolicy) {
      const reason = this.deps.nicknamePolicy(nicknameInput.nickname);
      if (reason) return fail(ERROR_CODES.NICKNAME_INVALID, reason);
    }
    if (this.reservedNicknames.has(nicknameInput.key)) return fail(ERROR_CODES.NICKNAME_TAKEN, "that nickname is taken in this class; pick another");
    const participantId = newId();
    const decision = this.decide({ type: "join", participantId, nickname: nicknameInput.nickname, nicknameKey: nicknameInput.key });
    if (!decision.ok) return decision;
    const joined = decision.events[0];
    if (joined?.type !== "participant.joined") return fail(ERROR_CODES.INTERNAL, "a join decided no participant");
    const resumeToken = newSecret();
    const tokenHash = hashSecret(resumeToken);
    this.reservedNicknames.add(nicknameInput.key);
    try {
      await this.joins.add({ row: { id: participantId, sessionId: this.id, nickname: joined.nickname, nicknameKey: joined.nicknameKey, resumeTokenHash: tokenHash, joinedAt: new Date(joined.at), studentId: nicknameInput.studentId ?? null }, event: joined });
    } catch (e) {
      if (isUniqueViolation(e)) return fail(ERROR_CODES.NICKNAME_TAKEN, "that nickname is taken in this class; pick another");
      this.deps.log.error({ err: e, session: this.id }, "could not store a participant");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; please try again");
    } finally {
      this.reservedNicknames.delete(nicknameInput.key);
    }
    this.tokenToParticipant.set(tokenHash, participantId);
    this.broadcastPresence();
    // The session may have ended while the join was being written.
    if (this.current.status === "ended") return fail(ERROR_CODES.SESSION_ENDED, "this session has ended");
    return ok({ participantId, resumeToken, snapshot: this.snapshotFor(participantId) });
  }

  /** The participant a resume token belongs to (in this room), or null. */
  participantForToken(token: string): string | null {
    return this.tokenToParticipant.get(hashSecret(token)) ?? null;
  }

  snapshotFor(participantId: string): StudentSnapshot {
    return studentSnapshot(this.current, this.ctx(), participantId);
  }

  /**
   * Grade, store and acknowledge one answer. A resend of an answer still being stored gets
   * the same promise; a resend of a stored one gets the stored attempt (`duplicate: true`).
   */
  submitAnswer(participantId: string, questionId: string, answer: unknown, idempotencyKey: string): Promise<Ack<AnswerAck>> {
    this.touch();
    const slot = `${participantId}|${questionId}`;
    const flightKey = `${slot}|${idempotencyKey}`;
    const inFlight = this.answersInFlight.get(flightKey);
    if (inFlight) return inFlight;
    const previous = this.answerSlots.get(slot) ?? Promise.resolve();
    let settled: Promise<unknown> | null = null;
    const work = previous.then(async () => {
      try {
        return await this.answerNow(participantId, questionId, answer, idempotencyKey);
      } finally {
        // Before the caller hears back: a resend after the ack is answered from the state.
        this.answersInFlight.delete(flightKey);
        if (this.answerSlots.get(slot) === settled) this.answerSlots.delete(slot);
      }
    });
    settled = work.catch(() => undefined);
    this.answerSlots.set(slot, settled);
    this.answersInFlight.set(flightKey, work);
    return work;
  }

  private async answerNow(participantId: string, questionId: string, answer: unknown, idempotencyKey: string): Promise<Ack<AnswerAck>> {
    if (this.closed) return fail(ERROR_CODES.SESSION_NOT_FOUND, "this session is no longer active");
    const decision = this.decide({ type: "answer", participantId, questionId, idempotencyKey, answer });
    if (!decision.ok) {
      // The student hears why at once; the console learns they tried ("tried — unreadable"), the report counts it.
      if (decision.error.code === ERROR_CODES.INVALID_ANSWER) await this.noteUnreadable(participantId, questionId, answer, decision.error.message);
      return decision;
    }
    if (decision.duplicate) return ok({ questionId, attempt: decision.duplicate.attempt, saved: true, duplicate: true });
    const e = decision.events[0];
    if (e?.type !== "answer.recorded") return fail(ERROR_CODES.INTERNAL, "an answer decided no record");
    const openedAt = this.current.questions[questionId]?.openedAt ?? e.at;
    const row: ResponseRow = {
      id: newId(), sessionId: this.id, participantId, questionId, attempt: e.attempt, params: e.params, answer, result: e.result, idempotencyKey,
      msToAnswer: Math.max(0, e.at - openedAt), answeredAt: new Date(e.at),
    };
    try {
      await this.answers.add({ row, event: e });
    } catch (err) {
      this.deps.log.error({ err, session: this.id }, "could not store answers");
      return fail(ERROR_CODES.STORAGE_UNAVAILABLE, "your answer was NOT saved (database unavailable); please send it again");
    }
    this.progress.markDirty();
    return ok({ questionId, attempt: e.attempt, saved: true, duplicate: false });
  }

  /**
   * Keep an answer refused as unreadable (up to UNREADABLE_KEPT per student and question, decided
   * in core). It uses no attempt and is in no score; the refusal the student gets does not depend
   * on this write, so a failure is only logged.
   */
  private async noteUnreadable(participantId: string, questionId: string, answer: unknown, reason: string): Promise<void> {
    const decision = this.decide({ type: "noteUnreadable", participantId, questionId, answer, reason });
    const e = decision.ok ? decision.events[0] : undefined;
    if (e?.type !== "answer.unreadable") return;
    try {
      await this.unreadable.add({ row: { id: newId(), sessionId: this.id, participantId, questionId, answer: e.answer, reason: e.reason, at: new Date(e.at) }, event: e });
      this.progress.markDirty();
    } catch (err) {
      this.deps.log.warn({ err, session: this.id }, "could not keep an unreadable answer");
    }
  }

  /** A student's own numbers at the end of the class. */
  personalSummary(participantId: string): PersonalSummary {
    return personalSummary(this.current, this.lesson, participantId);
  }

  /** A student's look-back at every question (right answers and solutions): only once the class has ended. */
  review(participantId: string): Ack<ReviewAck> {
    if (this.current.status !== "ended") return fail(ERROR_CODES.BAD_REQUEST, "the look-back opens when the class has ended");
    return ok({ items: studentReview(this.current, this.ctx(), participantId) });
  }

  // ---------------------------------------------------------------- experiments

  submitExperiment(participantId: string, activityId: string, value: number, idempotencyKey: string): Promise<Ack<ExperimentAck>> {
    this.touch();
    const checked = experimentJob(this.current, this.ctx(), participantId, activityId, value);
    if (!checked.ok) return Promise.resolve(checked);
    return this.experiments.submit(participantId, activityId, checked.job, value, idempotencyKey);
  }
}
