import { findQuestionInLesson, fold, gradeFor, applyAll, type SessionEvent } from "@livelab/core/session";
import type { LoadedSession } from "../db/roomStore.ts";
import { SessionRoom, type RoomDeps } from "./room.ts";
import type { RoomTransport } from "./roomTransport.ts";

/**
 * A room as it was before a restart: the fold of its event log, then its participants and
 * their answers as events (answers are re-graded with core's `gradeFor` — grading is
 * deterministic, and feedback text is not stored), then its experiment runs.
 */
export function rebuildRoom(deps: RoomDeps, s: LoadedSession, transport: RoomTransport): SessionRoom {
  const lesson = s.lesson;
  const joins: SessionEvent[] = [];
  for (const p of s.participants) {
    const at = p.joinedAt.getTime();
    joins.push({ type: "participant.joined", participantId: p.id, nickname: p.nickname, nicknameKey: p.nicknameKey, at });
    if (p.removed) joins.push({ type: "participant.removed", participantId: p.id, at });
  }
  const state = applyAll(fold(s.events), joins);
  const ctx = { now: deps.now?.() ?? Date.now(), lesson };
  const answers: SessionEvent[] = s.responses.map((r) => {
    const found = findQuestionInLesson(ctx, r.questionId);
    const graded = found ? gradeFor(state, ctx, r.participantId, found.question, r.answer) : { params: r.params, result: r.result };
    return {
      type: "answer.recorded", participantId: r.participantId, questionId: r.questionId, attempt: r.attempt, idempotencyKey: r.idempotencyKey,
      answer: r.answer, params: graded.params, result: graded.result, at: r.answeredAt.getTime(),
    };
  });
  const room = new SessionRoom(deps, {
    state: applyAll(state, answers), lesson, seq: s.events.length, hostSecretHash: s.hostSecretHash,
    tokens: s.participants.map((p) => [p.resumeTokenHash, p.id]), transport, unreadable: s.unreadable,
  });
  for (const run of s.experimentRuns) room.experiments.restore(run);
  return room;
}
