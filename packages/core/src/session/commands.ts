import type { GradeResult } from "../questions/grade.ts";
import type { ParamValues } from "../sim/presets/params.ts";
import type { Speed } from "./timeline.ts";

/** What teachers, students and timers ask of a session. Already validated in shape (protocol). */
export type SessionCommand =
  | { type: "create"; sessionId: string; code: string; lessonId: string; seed: number }
  | { type: "join"; participantId: string; nickname: string; nicknameKey: string }
  | { type: "remove"; participantId: string }
  | { type: "lockJoins"; locked: boolean }
  | { type: "goTo"; index: number }
  | { type: "pause"; paused: boolean }
  | { type: "openQuestion"; questionId: string; durationSec?: number | null }
  | { type: "closeQuestion"; questionId: string; reason: "teacher" | "deadline" }
  | { type: "revealQuestion"; questionId: string; predictionOutcome?: string | null }
  | { type: "recordAnswer"; participantId: string; questionId: string; idempotencyKey: string; answer: unknown; result: GradeResult }
  | { type: "sim"; op: SimOp }
  | { type: "showOnProjector"; questionId: string | null }
  | { type: "end" };

export type SimOp =
  | { op: "play" }
  | { op: "pause" }
  | { op: "step"; steps: number }
  | { op: "seek"; step: number }
  | { op: "speed"; speed: Speed }
  | { op: "set"; params: ParamValues }
  | { op: "reset" };
