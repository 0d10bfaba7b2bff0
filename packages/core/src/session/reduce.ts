import type { Activity } from "../lesson/schema.ts";
import { ERROR_CODES, type ProtocolError } from "../errors.ts";
import { gradeAnswer, type GradeResult } from "../questions/grade.ts";
import { resolvePrediction } from "../questions/prediction.ts";
import { questionSeed, sampleParams, type QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { SimError } from "../sim/errors.ts";
import { Simulation } from "../sim/simulation.ts";
import { applyAll } from "./apply.ts";
import type { SessionCommand, SimOp } from "./commands.ts";
import type { SessionEvent } from "./events.ts";
import { decideStage, isStageCommand } from "./stageCommands.ts";
import { own, type AnswerRecord, type SessionContext, type SessionState } from "./state.ts";
import { changeParams, newTimeline, pause, play, reset, seek, setSpeed, stepBy, type Timeline } from "./timeline.ts";

/**
 * What a command leads to: the events to persist and apply, or a typed refusal. `duplicate` is
 * set when an answer was resent with a known idempotency key (no events: the stored one stands).
 */
export type Decision = { ok: true; events: SessionEvent[]; duplicate?: AnswerRecord } | { ok: false; error: ProtocolError };

const refuse = (code: ProtocolError["code"], message: string): { ok: false; error: ProtocolError } => ({ ok: false, error: { code, message } });

/** The activity a question belongs to, and the question. */
export function findQuestionInLesson(ctx: SessionContext, questionId: string) {
  for (const [index, a] of ctx.lesson.activities.entries()) {
    const q = a.questions.find((x) => x.id === questionId);
    if (q) return { activity: a, index, question: q };
  }
  return null;
}

export function currentActivity(s: SessionState, ctx: SessionContext): Activity | undefined {
  return ctx.lesson.activities[s.activityIndex];
}

function timelineFor(activity: Activity | undefined, ctx: SessionContext): Timeline | null {
  if (!activity?.simulation) return null;
  return newTimeline(activity.id, activity.simulation, ctx.now);
}

/**
 * decide then apply, in one call: what the server does, minus the database in between.
 * Pure: the clock and the lesson come in through `ctx`; ids, codes and secrets are made by
 * the caller.
 */
export function reduce(s: SessionState, cmd: SessionCommand, ctx: SessionContext): ({ ok: true; state: SessionState } & Extract<Decision, { ok: true }>) | { ok: false; error: ProtocolError } {
  const decided = decide(s, cmd, ctx);
  if (!decided.ok) return decided;
  return { ...decided, state: applyAll(s, decided.events) };
}

/**
 * The session's state machine: given the state and a command, decide which events happen
 * (or refuse with a typed error), without applying them. The server persists the events and
 * applies them (`applyAll`) only once they are committed; tests call `reduce`.
 */
export function decide(s: SessionState, cmd: SessionCommand, ctx: SessionContext): Decision {
  const at = ctx.now;
  const done = (...events: SessionEvent[]) => ({ ok: true as const, events });
  if (cmd.type === "create") {
    if (s.id !== "") return refuse(ERROR_CODES.BAD_REQUEST, "session already exists");
    const first = ctx.lesson.activities[0];
    return done(
      { type: "session.created", sessionId: cmd.sessionId, code: cmd.code, lessonId: cmd.lessonId, seed: cmd.seed, at },
      { type: "activity.changed", index: 0, timeline: timelineFor(first, ctx), at },
    );
  }
  // After the end only the projector's closure may change (the podium, the blank screen).
  if (s.status === "ended" && !(cmd.type === "stage" || cmd.type === "revokeViewers")) return refuse(ERROR_CODES.SESSION_ENDED, "this session has ended");
  // "Start the class" on the activity the lobby is at: going to where we already are starts it.
  if (s.status === "lobby" && cmd.type === "goTo" && cmd.index === s.activityIndex) return { ok: true, events: [{ type: "session.started", at }] };
  const decided = isStageCommand(cmd) ? decideStage(s, cmd, ctx) : decideLive(s, cmd, ctx);
  // The class goes from the lobby to live with the teacher's first move.
  const starts = cmd.type === "goTo" || cmd.type === "openQuestion" || cmd.type === "sim";
  if (decided.ok && s.status === "lobby" && starts && decided.events.length > 0) {
    return { ok: true, events: [{ type: "session.started", at }, ...decided.events] };
  }
  return decided;
}

function decideLive(s: SessionState, cmd: SessionCommand, ctx: SessionContext): Decision {
  const at = ctx.now;
  const done = (...events: SessionEvent[]) => ({ ok: true as const, events });
  switch (cmd.type) {
    case "join": {
      if (s.joinLocked) return refuse(ERROR_CODES.JOINS_LOCKED, "the teacher has locked joining");
      // A removed participant keeps their nickname: the disruptive name does not come straight back.
      const taken = s.nicknameKeys.has(cmd.nicknameKey);
      if (taken) return refuse(ERROR_CODES.NICKNAME_TAKEN, "that nickname is taken in this class; pick another");
      return done({ type: "participant.joined", participantId: cmd.participantId, nickname: cmd.nickname, nicknameKey: cmd.nicknameKey, at });
    }
    case "remove": {
      const p = own(s.participants, cmd.participantId);
      if (!p) return refuse(ERROR_CODES.BAD_REQUEST, "no such participant");
      if (p.removed) return done();
      return done({ type: "participant.removed", participantId: cmd.participantId, at });
    }
    case "lockJoins":
      if (s.joinLocked === cmd.locked) return done();
      return done(cmd.locked ? { type: "joins.locked", at } : { type: "joins.unlocked", at });
    case "goTo": {
      const activity = ctx.lesson.activities[cmd.index];
      if (!Number.isInteger(cmd.index) || !activity) return refuse(ERROR_CODES.ACTIVITY_NOT_FOUND, `no activity ${cmd.index} (the lesson has ${ctx.lesson.activities.length})`);
      if (cmd.index === s.activityIndex) return done();
      // Leaving an activity closes its open questions (answers after that are refused).
      const closes: SessionEvent[] = Object.entries(s.questions)
        .filter(([, q]) => q.status === "open")
        .map(([questionId]) => ({ type: "question.closed", questionId, reason: "teacher", at }));
      return done(...closes, { type: "activity.changed", index: cmd.index, timeline: timelineFor(activity, ctx), at });
    }
    case "pause": {
      if (s.paused === cmd.paused) return done();
      const events: SessionEvent[] = [cmd.paused ? { type: "session.paused", at } : { type: "session.resumed", at }];
      // Pausing everyone also freezes the simulation where it is.
      if (cmd.paused && s.timeline?.playing) events.push({ type: "timeline.changed", timeline: pause(s.timeline, at), at });
      return done(...events);
    }
    case "openQuestion": {
      const found = findQuestionInLesson(ctx, cmd.questionId);
      if (!found) return refuse(ERROR_CODES.QUESTION_NOT_FOUND, `no question ${cmd.questionId} in this lesson`);
      if (found.index !== s.activityIndex) return refuse(ERROR_CODES.BAD_REQUEST, `question ${cmd.questionId} belongs to activity ${found.index + 1}; go there first`);
      if (own(s.questions, cmd.questionId)?.status === "open") return refuse(ERROR_CODES.QUESTION_ALREADY_OPEN, "the question is already open");
      // No timer chosen (undefined, not null): the question's own time limit, if it has one.
      const d = cmd.durationSec === undefined ? found.question.timeLimitSec : cmd.durationSec;
      if (d !== undefined && d !== null && !(Number.isFinite(d) && d >= 5 && d <= 3600)) return refuse(ERROR_CODES.BAD_REQUEST, "a timer must be between 5 and 3600 seconds");
      const opened: SessionEvent = { type: "question.opened", questionId: cmd.questionId, deadline: d ? at + Math.round(d * 1000) : null, at };
      // The stage follows the console: results left up from an earlier question (or from this
      // one's earlier asking) come down, so the room sees the question now open, not old bars.
      if (s.projectorQuestion !== null) return done(opened, { type: "projector.changed", questionId: null, at });
      return done(opened);
    }
    case "closeQuestion": {
      const q = own(s.questions, cmd.questionId);
      if (!q || q.status !== "open") return cmd.reason === "deadline" ? done() : refuse(ERROR_CODES.QUESTION_NOT_OPEN, "the question is not open");
      if (cmd.reason === "deadline" && (q.deadline === null || at < q.deadline)) return done(); // a stale timer
      return done({ type: "question.closed", questionId: cmd.questionId, reason: cmd.reason, at });
    }
    case "revealQuestion": {
      const q = own(s.questions, cmd.questionId);
      if (!q) return refuse(ERROR_CODES.QUESTION_NOT_OPEN, "the question has not been asked yet");
      const found = findQuestionInLesson(ctx, cmd.questionId);
      const events: SessionEvent[] = [];
      if (q.status === "open") events.push({ type: "question.closed", questionId: cmd.questionId, reason: "teacher", at });
      // A prediction question's right option is what its simulation shows, fixed at the reveal.
      const predictionOutcome = found && found.question.kind === "single" && found.question.prediction ? predictionFor(found.question, ctx) : undefined;
      events.push({ type: "question.revealed", questionId: cmd.questionId, ...(predictionOutcome !== undefined ? { predictionOutcome } : {}), at });
      // The reveal happens on the projector too: its results come up with the right answer marked.
      if (s.projectorQuestion !== cmd.questionId) events.push({ type: "projector.changed", questionId: cmd.questionId, at });
      return done(...events);
    }
    case "answer": {
      const check = checkAnswer(s, cmd.participantId, cmd.questionId, cmd.idempotencyKey, ctx);
      if (check.kind === "refuse") return { ok: false, error: check.error };
      if (check.kind === "duplicate") return { ok: true, events: [], duplicate: check.record };
      const { params, result } = gradeFor(s, ctx, cmd.participantId, check.question, cmd.answer);
      // An answer that cannot be read (empty, "abc", "0.99.8") is refused, not stored: it must
      // not use up the student's attempt. They get the reason and can fix it.
      if (result.status === "invalid") return refuse(ERROR_CODES.INVALID_ANSWER, result.reason ?? "that answer could not be read");
      return done({
        type: "answer.recorded", participantId: cmd.participantId, questionId: cmd.questionId, attempt: check.attempt,
        idempotencyKey: cmd.idempotencyKey, answer: cmd.answer, params, result, at,
      });
    }
    case "sim":
      return simCommand(s, cmd.op, ctx);
    case "showOnProjector": {
      if (cmd.questionId !== null && !own(s.questions, cmd.questionId)) return refuse(ERROR_CODES.QUESTION_NOT_OPEN, "that question has not been asked yet");
      if (s.projectorQuestion === cmd.questionId) return done();
      return done({ type: "projector.changed", questionId: cmd.questionId, at });
    }
    case "create":
      return refuse(ERROR_CODES.BAD_REQUEST, "session already exists");
    case "stage": case "extendQuestion": case "moderateText": case "noteUnreadable": case "pairViewers": case "revokeViewers":
      return decideStage(s, cmd, ctx);
    case "end": {
      const events: SessionEvent[] = Object.entries(s.questions)
        .filter(([, q]) => q.status === "open")
        .map(([questionId]) => ({ type: "question.closed", questionId, reason: "teacher", at }));
      if (s.timeline?.playing) events.push({ type: "timeline.changed", timeline: pause(s.timeline, at), at });
      events.push({ type: "session.ended", at });
      return done(...events);
    }
    default: {
      const never: never = cmd;
      return refuse(ERROR_CODES.BAD_REQUEST, `unknown command ${JSON.stringify(never)}`);
    }
  }
}

function simCommand(s: SessionState, op: SimOp, ctx: SessionContext): Decision {
  const t = s.timeline;
  if (!t) return refuse(ERROR_CODES.NO_SIMULATION, "the current activity has no simulation");
  const at = ctx.now;
  let next: Timeline;
  switch (op.op) {
    case "play": next = play(t, at); break;
    case "pause": next = pause(t, at); break;
    case "step": next = stepBy(t, at, op.steps); break;
    case "seek": next = seek(t, at, op.step); break;
    case "speed": next = setSpeed(t, at, op.speed); break;
    case "reset": next = reset(t, at); break;
    case "set": {
      next = changeParams(t, at, op.params);
      try {
        // Validates names, ranges and that every changed parameter is live.
        Simulation.create({ presetId: next.presetId, params: next.params, seed: next.seed, changes: next.changes });
      } catch (e) {
        if (e instanceof SimError) return refuse(ERROR_CODES.INVALID_PARAMS, e.message);
        throw e;
      }
      break;
    }
    default: {
      const never: never = op;
      return refuse(ERROR_CODES.BAD_REQUEST, `unknown simulation command ${JSON.stringify(never)}`);
    }
  }
  return { ok: true, events: [{ type: "timeline.changed", timeline: next, at }] };
}

export type AnswerCheck =
  | { kind: "accept"; attempt: number; question: QuestionTemplate }
  | { kind: "duplicate"; record: AnswerRecord }
  | { kind: "refuse"; error: ProtocolError };

/**
 * May this participant answer this question now? A resend with a known idempotency key is a
 * duplicate (answered with the stored result), whatever the question's state now.
 */
export function checkAnswer(s: SessionState, participantId: string, questionId: string, idempotencyKey: string, ctx: SessionContext): AnswerCheck {
  const byParticipant = own(s.answers, questionId);
  const previous = (byParticipant && own(byParticipant, participantId)) ?? [];
  const dup = previous.find((r) => r.idempotencyKey === idempotencyKey);
  if (dup) return { kind: "duplicate", record: dup };
  const p = own(s.participants, participantId);
  const no = (code: ProtocolError["code"], message: string): AnswerCheck => ({ kind: "refuse", error: { code, message } });
  if (!p) return no(ERROR_CODES.FORBIDDEN, "not a participant of this session");
  if (p.removed) return no(ERROR_CODES.PARTICIPANT_REMOVED, "you were removed from this session");
  if (s.status === "ended") return no(ERROR_CODES.SESSION_ENDED, "this session has ended");
  const found = findQuestionInLesson(ctx, questionId);
  if (!found) return no(ERROR_CODES.QUESTION_NOT_FOUND, `no question ${questionId}`);
  const q = own(s.questions, questionId);
  if (!q || q.status !== "open") return no(ERROR_CODES.QUESTION_NOT_OPEN, "this question is not open for answers");
  if (q.deadline !== null && ctx.now > q.deadline) return no(ERROR_CODES.DEADLINE_PASSED, "time is up for this question");
  if (s.paused) return no(ERROR_CODES.SESSION_PAUSED, "the teacher has paused the class");
  if (previous.length >= found.question.attempts) {
    return no(ERROR_CODES.ALREADY_ANSWERED, found.question.attempts === 1 ? "you have already answered this question" : `you have used all ${found.question.attempts} attempts`);
  }
  return { kind: "accept", attempt: previous.length + 1, question: found.question };
}

function predictionFor(question: QuestionTemplate, ctx: SessionContext): string | null | undefined {
  if (question.kind !== "single" || !question.prediction) return undefined;
  return ctx.prediction ? ctx.prediction(question) : resolvePrediction(question.prediction);
}

/**
 * Grade one answer of one student: their own numbers (from the session's seed), and for a
 * prediction question the outcome fixed at the reveal, or else what the simulation shows.
 * The one place answers are graded, live and when a restarted server re-reads stored answers.
 */
export function gradeFor(s: SessionState, ctx: SessionContext, participantId: string, question: QuestionTemplate, answer: unknown): { params: QuestionParams; result: GradeResult } {
  const params = sampleParams(question, questionSeed(s.seed, participantId, question.id));
  const fixed = own(s.questions, question.id)?.predictionOutcome;
  const predictionOutcome = fixed !== undefined ? fixed : predictionFor(question, ctx);
  return { params, result: gradeAnswer(question, params, answer, predictionOutcome !== undefined ? { predictionOutcome } : {}) };
}
