import type { ParamValues } from "../sim/presets/params.ts";
import type { StageState } from "./state.ts";
import type { Speed } from "./timeline.ts";

/**
 * What teachers, students and timers ask of a session. Already validated in shape (protocol);
 * `decide` checks everything else. Ids, codes and seeds are made by the caller (core has no
 * randomness of its own).
 */
export type SessionCommand =
  | { type: "create"; sessionId: string; code: string; lessonId: string; seed: number }
  | { type: "join"; participantId: string; nickname: string; nicknameKey: string }
  | { type: "remove"; participantId: string }
  | { type: "lockJoins"; locked: boolean }
  | { type: "goTo"; index: number }
  | { type: "pause"; paused: boolean }
  | { type: "openQuestion"; questionId: string; durationSec?: number | null }
  | { type: "closeQuestion"; questionId: string; reason: "teacher" | "deadline" }
  | { type: "revealQuestion"; questionId: string }
  | { type: "answer"; participantId: string; questionId: string; idempotencyKey: string; answer: unknown }
  | { type: "sim"; op: SimOp }
  | { type: "showOnProjector"; questionId: string | null }
  | { type: "stage"; patch: Partial<StageState> }
  | { type: "extendQuestion"; questionId: string; seconds: number }
  | { type: "moderateText"; questionId: string; participantId: string; hidden: boolean }
  /** The room saw an answer it could not read (refused, not stored): the teacher sees "tried — unreadable". */
  | { type: "noteUnreadable"; participantId: string; questionId: string; answer: unknown; reason: string }
  /** A new view-only pairing code (its hash; the server makes the code): replaces any earlier one. */
  | { type: "pairViewers"; codeHash: string }
  | { type: "revokeViewers" }
  | { type: "end" };

export type SimOp =
  | { op: "play" }
  | { op: "pause" }
  | { op: "step"; steps: number }
  | { op: "seek"; step: number }
  | { op: "speed"; speed: Speed }
  | { op: "set"; params: ParamValues }
  | { op: "reset" };
