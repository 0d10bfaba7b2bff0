import { ERROR_CODES, type ProtocolError } from "../errors.ts";
import type { SessionCommand } from "./commands.ts";
import type { SessionEvent } from "./events.ts";
import { own, UNREADABLE_KEPT, type SessionContext, type SessionState, type StageState } from "./state.ts";

type StageCommand = Extract<SessionCommand, { type: "stage" | "extendQuestion" | "moderateText" | "noteUnreadable" | "pairViewers" | "revokeViewers" }>;
type Decided = { ok: true; events: SessionEvent[] } | { ok: false; error: ProtocolError };

/** The longest a question may run after "add time" (from now). */
export const MAX_QUESTION_SECONDS = 3600;

const refuse = (code: ProtocolError["code"], message: string): Decided => ({ ok: false, error: { code, message } });
const done = (...events: SessionEvent[]): Decided => ({ ok: true, events });

export function isStageCommand(cmd: SessionCommand): cmd is StageCommand {
  return cmd.type === "stage" || cmd.type === "extendQuestion" || cmd.type === "moderateText" || cmd.type === "noteUnreadable" || cmd.type === "pairViewers" || cmd.type === "revokeViewers";
}

/**
 * The projector's commands (blank, join card, names, podium), "add time", the text wall's
 * moderation, unreadable attempts and view-only pairing: decided like every other command,
 * so what the room sees is a function of the session's events.
 */
export function decideStage(s: SessionState, cmd: StageCommand, ctx: SessionContext): Decided {
  const at = ctx.now;
  switch (cmd.type) {
    case "stage": {
      const patch: Partial<StageState> = {};
      for (const key of ["blank", "joinCard", "namesShown", "podium"] as const) {
        const v = cmd.patch[key];
        if (typeof v === "boolean" && v !== s.stage[key]) patch[key] = v;
      }
      return Object.keys(patch).length === 0 ? done() : done({ type: "stage.changed", patch, at });
    }
    case "extendQuestion": {
      const q = own(s.questions, cmd.questionId);
      if (!q || q.status !== "open") return refuse(ERROR_CODES.QUESTION_NOT_OPEN, "only an open question can get more time");
      if (!(Number.isFinite(cmd.seconds) && cmd.seconds >= 5 && cmd.seconds <= 600)) return refuse(ERROR_CODES.BAD_REQUEST, "add between 5 and 600 seconds");
      // An untimed question gets a timer; a timed one runs longer from its deadline.
      const from = q.deadline === null ? at : Math.max(q.deadline, at);
      const deadline = Math.min(from + Math.round(cmd.seconds * 1000), at + MAX_QUESTION_SECONDS * 1000);
      return done({ type: "question.extended", questionId: cmd.questionId, deadline, at });
    }
    case "moderateText": {
      const template = ctx.lesson.activities.flatMap((a) => a.questions).find((q) => q.id === cmd.questionId);
      if (!template) return refuse(ERROR_CODES.QUESTION_NOT_FOUND, `no question ${cmd.questionId} in this lesson`);
      if (template.kind !== "text") return refuse(ERROR_CODES.BAD_REQUEST, "only written answers are shown on the wall");
      if (!own(s.participants, cmd.participantId)) return refuse(ERROR_CODES.BAD_REQUEST, "no such participant");
      const hidden = own(s.hiddenTexts, cmd.questionId)?.[cmd.participantId] === true;
      return hidden === cmd.hidden ? done() : done({ type: "text.moderated", questionId: cmd.questionId, participantId: cmd.participantId, hidden: cmd.hidden, at });
    }
    case "noteUnreadable": {
      const p = own(s.participants, cmd.participantId);
      const q = own(s.questions, cmd.questionId);
      if (!p || p.removed || !q) return done();
      // Kept up to UNREADABLE_KEPT times per student and question: a phone that keeps sending nonsense writes a few rows, not thousands.
      if ((own(s.unreadable, cmd.questionId)?.[cmd.participantId] ?? 0) >= UNREADABLE_KEPT) return done();
      // The text as typed, without NUL characters (PostgreSQL text cannot hold them), bounded.
      const text = (typeof cmd.answer === "string" ? cmd.answer : (JSON.stringify(cmd.answer) ?? "")).replaceAll("\u0000", "").slice(0, 200);
      return done({ type: "answer.unreadable", participantId: cmd.participantId, questionId: cmd.questionId, answer: text, reason: cmd.reason.slice(0, 300), at });
    }
    case "pairViewers":
      if (!/^[0-9a-f]{64}$/.test(cmd.codeHash)) return refuse(ERROR_CODES.BAD_REQUEST, "malformed pairing");
      return done({ type: "viewers.paired", codeHash: cmd.codeHash, at });
    case "revokeViewers":
      return s.pairing === null ? done() : done({ type: "viewers.revoked", at });
    default: {
      const never: never = cmd;
      return refuse(ERROR_CODES.BAD_REQUEST, `unknown command ${JSON.stringify(never)}`);
    }
  }
}
