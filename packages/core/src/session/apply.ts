import type { SessionEvent } from "./events.ts";
import { emptyState, type SessionState } from "./state.ts";

/** Apply one event to the state (pure; returns a new state object, sharing untouched parts). */
export function apply(s: SessionState, e: SessionEvent): SessionState {
  switch (e.type) {
    case "session.created":
      return { ...emptyState(), id: e.sessionId, code: e.code, lessonId: e.lessonId, seed: e.seed, createdAt: e.at };
    case "session.started":
      return { ...s, status: "live" };
    // Participants and answers are large, append-mostly collections (2,000 students in a
    // lecture hall): they are updated in place, so applying one costs O(1), and a join or an
    // answer that lands while a teacher command is being decided is never lost.
    case "participant.joined":
      s.participants[e.participantId] = { id: e.participantId, nickname: e.nickname, nicknameKey: e.nicknameKey, joinedAt: e.at, removed: false };
      s.nicknameKeys.set(e.nicknameKey, e.participantId);
      return s;
    case "participant.removed": {
      const p = s.participants[e.participantId];
      if (p) s.participants[e.participantId] = { ...p, removed: true };
      return s;
    }
    case "joins.locked":
      return { ...s, joinLocked: true };
    case "joins.unlocked":
      return { ...s, joinLocked: false };
    case "activity.changed":
      return { ...s, activityIndex: e.index, timeline: e.timeline, projectorQuestion: null };
    case "session.paused":
      return { ...s, paused: true };
    case "session.resumed":
      return { ...s, paused: false };
    case "question.opened":
      return { ...s, questions: { ...s.questions, [e.questionId]: { status: "open", openedAt: e.at, deadline: e.deadline, closedAt: null } } };
    case "question.closed": {
      const q = s.questions[e.questionId];
      return q ? { ...s, questions: { ...s.questions, [e.questionId]: { ...q, status: "closed", closedAt: e.at } } } : s;
    }
    case "question.revealed": {
      const q = s.questions[e.questionId];
      if (!q) return s;
      return { ...s, questions: { ...s.questions, [e.questionId]: { ...q, status: "revealed", closedAt: q.closedAt ?? e.at, predictionOutcome: e.predictionOutcome } } };
    }
    case "answer.recorded": {
      const byQ = (s.answers[e.questionId] ??= {});
      (byQ[e.participantId] ??= []).push({ attempt: e.attempt, idempotencyKey: e.idempotencyKey, result: e.result, answer: e.answer, at: e.at });
      return s;
    }
    case "timeline.changed":
      return { ...s, timeline: e.timeline };
    case "projector.changed":
      return { ...s, projectorQuestion: e.questionId };
    case "session.ended":
      return { ...s, status: "ended", endedAt: e.at };
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/** The state after a sequence of events. */
export function fold(events: readonly SessionEvent[], from: SessionState = emptyState()): SessionState {
  let s = from;
  for (const e of events) s = apply(s, e);
  return s;
}
