import type { ErrorCode, ProtocolError } from "@livelab/core/errors";
import { asSentence } from "../../lib/sentence";

/**
 * What a phone says when the server refuses something: a sentence that starts with a capital
 * and says what to do. The server's own messages are written for every client (and logs);
 * the few a student meets are worded here for a student in a class. Others are shown as sent,
 * capitalised.
 */
const FOR_STUDENTS: Partial<Record<ErrorCode, string>> = {
  SESSION_NOT_FOUND: "There is no class with this code. Check the code on the projector and type it again.",
  SESSION_ENDED: "This class has ended. Ask your teacher for the code of the next one.",
  JOINS_LOCKED: "The teacher has closed this class to new students. Ask your teacher to let you in.",
  NICKNAME_TAKEN: "Someone in this class already uses that nickname. Pick another one.",
  RESUME_TOKEN_INVALID: "Your place in this class no longer exists. Join again with the code.",
  PARTICIPANT_REMOVED: "The teacher removed you from this class.",
  QUESTION_NOT_OPEN: "The question closed before your answer reached your teacher, so it was not counted.",
  DEADLINE_PASSED: "Time ran out before your answer reached your teacher, so it was not counted.",
  SESSION_PAUSED: "The teacher has paused the class. Send your answer again when the class goes on.",
  ALREADY_ANSWERED: "You have already used every try for this question.",
  RATE_LIMITED: "Too many tries in a short time. Wait a minute, then try again.",
};

/** The message a student reads for a refusal. */
export function studentMessage(error: Pick<ProtocolError, "code" | "message">): string {
  const worded = FOR_STUDENTS[error.code];
  if (worded) return worded;
  // The server says why ("at most 24 characters", the filter's reason): keep it, add what to do.
  if (error.code === "NICKNAME_INVALID") return `That nickname cannot be used (${error.message.trim().replace(/[.!?]$/, "")}). Pick another one.`;
  return asSentence(error.message);
}
