import type { SessionEvent } from "./events.ts";
import { emptyState, type AnswerRecord, type ParticipantState, type SessionState } from "./state.ts";

/**
 * Apply events to a state: pure. The input state is never changed; the result shares every
 * part the events did not touch. A lecture hall's participants and answers are large
 * collections, so a batch of events copies each touched collection once (a batch of 500
 * joins is one copy, not 500): apply the events of one committed write together.
 */
export function applyAll(s: SessionState, events: readonly SessionEvent[]): SessionState {
  if (events.length === 0) return s;
  const draft = new Draft(s);
  for (const e of events) applyTo(draft, e);
  return draft.state;
}

/** Apply one event (pure). */
export function apply(s: SessionState, e: SessionEvent): SessionState {
  return applyAll(s, [e]);
}

/** The state after a sequence of events. */
export function fold(events: readonly SessionEvent[], from: SessionState = emptyState()): SessionState {
  return applyAll(from, events);
}

/** A copy of the state whose collections are cloned the first time an event writes to them. */
class Draft {
  state: SessionState;
  private participantsCopied = false;
  private nicknamesCopied = false;
  private questionsCopied = false;
  private answersCopied = false;
  private readonly answerMapsCopied = new Set<string>();

  constructor(from: SessionState) {
    this.state = { ...from };
  }

  participants(): Record<string, ParticipantState> {
    if (!this.participantsCopied) {
      this.state.participants = { ...this.state.participants };
      this.participantsCopied = true;
    }
    return this.state.participants;
  }

  nicknameKeys(): Map<string, string> {
    if (!this.nicknamesCopied) {
      this.state.nicknameKeys = new Map(this.state.nicknameKeys);
      this.nicknamesCopied = true;
    }
    return this.state.nicknameKeys;
  }

  questions(): SessionState["questions"] {
    if (!this.questionsCopied) {
      this.state.questions = { ...this.state.questions };
      this.questionsCopied = true;
    }
    return this.state.questions;
  }

  /** answers[questionId], writable. */
  answersTo(questionId: string): Record<string, AnswerRecord[]> {
    if (!this.answersCopied) {
      this.state.answers = { ...this.state.answers };
      this.answersCopied = true;
    }
    if (!this.answerMapsCopied.has(questionId)) {
      this.state.answers[questionId] = { ...this.state.answers[questionId] };
      this.answerMapsCopied.add(questionId);
    }
    return this.state.answers[questionId];
  }
}

function applyTo(d: Draft, e: SessionEvent): void {
  const s = d.state;
  switch (e.type) {
    case "session.created":
      d.state = { ...emptyState(), id: e.sessionId, code: e.code, lessonId: e.lessonId, seed: e.seed, createdAt: e.at };
      return;
    case "session.started":
      s.status = "live";
      return;
    case "participant.joined":
      d.participants()[e.participantId] = { id: e.participantId, nickname: e.nickname, nicknameKey: e.nicknameKey, joinedAt: e.at, removed: false };
      d.nicknameKeys().set(e.nicknameKey, e.participantId);
      return;
    case "participant.removed": {
      const p = s.participants[e.participantId];
      if (p) d.participants()[e.participantId] = { ...p, removed: true };
      return;
    }
    case "joins.locked":
      s.joinLocked = true;
      return;
    case "joins.unlocked":
      s.joinLocked = false;
      return;
    case "activity.changed":
      s.activityIndex = e.index;
      s.timeline = e.timeline;
      s.projectorQuestion = null;
      // A join card brought back for a late student goes away with the activity.
      if (s.stage.joinCard) s.stage = { ...s.stage, joinCard: false };
      return;
    case "session.paused":
      s.paused = true;
      return;
    case "session.resumed":
      s.paused = false;
      return;
    case "question.opened":
      d.questions()[e.questionId] = { status: "open", openedAt: e.at, deadline: e.deadline, closedAt: null };
      return;
    case "question.closed": {
      const q = s.questions[e.questionId];
      if (q) d.questions()[e.questionId] = { ...q, status: "closed", closedAt: e.at };
      return;
    }
    case "question.revealed": {
      const q = s.questions[e.questionId];
      if (q) d.questions()[e.questionId] = { ...q, status: "revealed", closedAt: q.closedAt ?? e.at, predictionOutcome: e.predictionOutcome };
      return;
    }
    case "answer.recorded": {
      const byParticipant = d.answersTo(e.questionId);
      const record: AnswerRecord = { attempt: e.attempt, idempotencyKey: e.idempotencyKey, result: e.result, answer: e.answer, at: e.at };
      byParticipant[e.participantId] = [...(byParticipant[e.participantId] ?? []), record];
      return;
    }
    case "timeline.changed":
      s.timeline = e.timeline;
      return;
    case "projector.changed":
      s.projectorQuestion = e.questionId;
      return;
    case "stage.changed":
      s.stage = { ...s.stage, ...e.patch };
      return;
    case "question.extended": {
      const q = s.questions[e.questionId];
      if (q) d.questions()[e.questionId] = { ...q, deadline: e.deadline };
      return;
    }
    case "text.moderated":
      s.hiddenTexts = withFlag(s.hiddenTexts, e.questionId, e.participantId, e.hidden);
      return;
    case "answer.unreadable": {
      const row = { ...s.unreadable[e.questionId] };
      row[e.participantId] = (row[e.participantId] ?? 0) + 1;
      s.unreadable = { ...s.unreadable, [e.questionId]: row };
      return;
    }
    case "viewers.paired":
      s.pairing = { codeHash: e.codeHash, at: e.at };
      return;
    case "viewers.revoked":
      s.pairing = null;
      return;
    case "session.ended":
      s.status = "ended";
      s.endedAt = e.at;
      return;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/** A copy of a two-level flag table with one flag set or cleared (the input is not changed). */
function withFlag(table: Record<string, Record<string, true>>, outer: string, inner: string, on: boolean): Record<string, Record<string, true>> {
  const row = { ...table[outer] };
  if (on) row[inner] = true;
  else delete row[inner];
  return { ...table, [outer]: row };
}
