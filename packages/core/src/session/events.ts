import type { GradeResult } from "../questions/grade.ts";
import type { QuestionParams } from "../questions/sampling.ts";
import type { StageState } from "./state.ts";
import type { Timeline } from "./timeline.ts";

/**
 * What happened in a session, in the past tense. `participant.joined` and `answer.recorded`
 * are stored as Participant and Response rows, `answer.unreadable` as UnreadableAnswer rows;
 * every other event as a SessionEvent row.
 */
export type SessionEvent =
  | { type: "session.created"; sessionId: string; code: string; lessonId: string; seed: number; at: number }
  | { type: "session.started"; at: number }
  | { type: "participant.joined"; participantId: string; nickname: string; nicknameKey: string; at: number }
  | { type: "participant.removed"; participantId: string; at: number }
  | { type: "joins.locked"; at: number }
  | { type: "joins.unlocked"; at: number }
  | { type: "activity.changed"; index: number; timeline: Timeline | null; at: number }
  | { type: "session.paused"; at: number }
  | { type: "session.resumed"; at: number }
  | { type: "question.opened"; questionId: string; deadline: number | null; at: number }
  | { type: "question.closed"; questionId: string; reason: "teacher" | "deadline"; at: number }
  | { type: "question.revealed"; questionId: string; predictionOutcome?: string | null; at: number }
  | { type: "answer.recorded"; participantId: string; questionId: string; attempt: number; idempotencyKey: string; answer: unknown; params: QuestionParams; result: GradeResult; at: number }
  | { type: "timeline.changed"; timeline: Timeline; at: number }
  | { type: "projector.changed"; questionId: string | null; at: number }
  | { type: "stage.changed"; patch: Partial<StageState>; at: number }
  | { type: "question.extended"; questionId: string; deadline: number; at: number }
  | { type: "text.moderated"; questionId: string; participantId: string; hidden: boolean; at: number }
  | { type: "answer.unreadable"; participantId: string; questionId: string; answer: string; reason: string; at: number }
  | { type: "viewers.paired"; codeHash: string; at: number }
  | { type: "viewers.revoked"; at: number }
  | { type: "session.ended"; at: number };

export type SessionEventType = SessionEvent["type"];

/** Events stored in the SessionEvent log (the others have tables of their own). */
export function isLogEvent(e: SessionEvent): boolean {
  return e.type !== "participant.joined" && e.type !== "answer.recorded" && e.type !== "answer.unreadable";
}
