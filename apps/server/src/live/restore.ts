import { findQuestionInLesson, fold, gradeFor, applyAll, nicknameKey, type SessionEvent } from "@livelab/core/session";
import type { LoadedSession } from "../db/roomStore.ts";
import { SessionRoom, type RoomDeps } from "./room.ts";
import type { RoomTransport } from "./roomTransport.ts";

/**
 * A room as it was before a restart: the fold of its event log, then its participants and
 * their answers (and unreadable attempts) as events — answers re-graded with core's `gradeFor`:
 * grading is deterministic, and feedback text is not stored — then its experiment runs.
 */
export function rebuildRoom(deps: RoomDeps, s: LoadedSession, transport: RoomTransport): SessionRoom {
  const lesson = s.lesson;
  const joins: SessionEvent[] = [];
  for (const p of s.participants) {
    const at = p.joinedAt.getTime();
    // The key is recomputed, not read: rows stored before look-alike nicknames were compared
    // (issue 12) hold an older key, and a new join must collide with what the old one imitates.
    joins.push({ type: "participant.joined", participantId: p.id, nickname: p.nickname, nicknameKey: nicknameKey(p.nickname), at });
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
  // Unreadable answers kept before the restart: the cap per student and question still holds.
  const unreadable: SessionEvent[] = s.unreadable.map((u) => ({ type: "answer.unreadable", participantId: u.participantId, questionId: u.questionId, answer: u.answer, reason: u.reason, at: u.at.getTime() }));
  // Idle time counts from the last thing stored: a restart does not make an abandoned class new.
  let lastActivityAt = 0;
  for (const e of s.events) lastActivityAt = Math.max(lastActivityAt, e.at);
  for (const p of s.participants) lastActivityAt = Math.max(lastActivityAt, p.joinedAt.getTime());
  for (const r of s.responses) lastActivityAt = Math.max(lastActivityAt, r.answeredAt.getTime());
  const room = new SessionRoom(deps, {
    state: applyAll(state, [...answers, ...unreadable]), lesson, seq: s.events.length, hostSecretHash: s.hostSecretHash, teacherId: s.teacherId,
    tokens: s.participants.map((p) => [p.resumeTokenHash, p.id]), transport, lastActivityAt,
  });
  for (const run of s.experimentRuns) room.experiments.restore(run);
  return room;
}
