/**
 * Every refusal LiveLab sends — socket acks and HTTP API bodies alike — is
 * `{ ok: false, error: { code, message } }` with one of these codes. It sits at the bottom of
 * core (below session/ and protocol/) so every layer and both apps take codes from one table;
 * documented in docs/PROTOCOL.md.
 */
export const ERROR_CODES = {
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNKNOWN_EVENT: "UNKNOWN_EVENT",
  RATE_LIMITED: "RATE_LIMITED",
  UNSUPPORTED_VERSION: "UNSUPPORTED_VERSION",
  NOT_AUTHENTICATED: "NOT_AUTHENTICATED",
  /** A class student's device the teacher signed out (a new PIN, or the student removed): `message` says which. */
  SIGNED_OUT: "SIGNED_OUT",
  FORBIDDEN: "FORBIDDEN",
  SESSION_NOT_FOUND: "SESSION_NOT_FOUND",
  SESSION_ENDED: "SESSION_ENDED",
  JOINS_LOCKED: "JOINS_LOCKED",
  NICKNAME_TAKEN: "NICKNAME_TAKEN",
  NICKNAME_INVALID: "NICKNAME_INVALID",
  PARTICIPANT_REMOVED: "PARTICIPANT_REMOVED",
  RESUME_TOKEN_INVALID: "RESUME_TOKEN_INVALID",
  ACTIVITY_NOT_FOUND: "ACTIVITY_NOT_FOUND",
  LESSON_NOT_FOUND: "LESSON_NOT_FOUND",
  /** A lesson file that fails the lesson check (publish, import): `message` sums up, the body lists every problem. */
  LESSON_INVALID: "LESSON_INVALID",
  /** Built-in lessons are read-only: duplicate one to edit it. */
  LESSON_READ_ONLY: "LESSON_READ_ONLY",
  /** The draft was saved from another tab or device since this one loaded it. */
  LESSON_CONFLICT: "LESSON_CONFLICT",
  /** A class starts from a published version; this lesson has none yet. */
  LESSON_NOT_PUBLISHED: "LESSON_NOT_PUBLISHED",
  /** Checking, previewing or importing a lesson took longer than the server allows. */
  LESSON_TOO_COSTLY: "LESSON_TOO_COSTLY",
  QUESTION_NOT_FOUND: "QUESTION_NOT_FOUND",
  QUESTION_NOT_OPEN: "QUESTION_NOT_OPEN",
  QUESTION_ALREADY_OPEN: "QUESTION_ALREADY_OPEN",
  DEADLINE_PASSED: "DEADLINE_PASSED",
  ALREADY_ANSWERED: "ALREADY_ANSWERED",
  INVALID_ANSWER: "INVALID_ANSWER",
  SESSION_PAUSED: "SESSION_PAUSED",
  NO_SIMULATION: "NO_SIMULATION",
  INVALID_PARAMS: "INVALID_PARAMS",
  NO_EXPERIMENT: "NO_EXPERIMENT",
  STORAGE_UNAVAILABLE: "STORAGE_UNAVAILABLE",
  INTERNAL: "INTERNAL",
  /** HTTP: the teacher already has as many classes running as allowed (end one first). */
  SESSION_LIMIT: "SESSION_LIMIT",
  /** HTTP: no such route or resource (another teacher's session answers this too). */
  NOT_FOUND: "NOT_FOUND",
  // ---- Practice after class (classes with a roster; docs/PRACTICE.md)
  /** A live class run for a roster: its students join as themselves (sign in to the class), not with a nickname. */
  CLASS_SIGN_IN_REQUIRED: "CLASS_SIGN_IN_REQUIRED",
  /** Joining a live class as a roster student: this device's student is not in that class's roster. */
  NOT_IN_CLASS: "NOT_IN_CLASS",
  /** HTTP: no class with that code (or another teacher's class). */
  CLASS_NOT_FOUND: "CLASS_NOT_FOUND",
  /** HTTP: the teacher closed the class to new students. */
  CLASS_CLOSED: "CLASS_CLOSED",
  /** HTTP: a student of that name is already in the class (it may be you: sign in with your PIN). */
  STUDENT_NAME_TAKEN: "STUDENT_NAME_TAKEN",
  /** HTTP: no such student in this class (or another teacher's). */
  STUDENT_NOT_FOUND: "STUDENT_NOT_FOUND",
  /** HTTP: wrong name or PIN (which one is not said). */
  SIGN_IN_FAILED: "SIGN_IN_FAILED",
  /** HTTP: too many wrong PINs for this student: sign-in waits (the message says how long), or the teacher resets the PIN. */
  SIGN_IN_LOCKED: "SIGN_IN_LOCKED",
  /** HTTP: a skill behind a gate (the message says what to master first). */
  SKILL_LOCKED: "SKILL_LOCKED",
  /** HTTP: an assignment's due date is already past (the server's clock decides). */
  DUE_DATE_PAST: "DUE_DATE_PAST",
  /** HTTP: no such practice item for this student. */
  ITEM_NOT_FOUND: "ITEM_NOT_FOUND",
  /** Made by clients, never sent by the server: no acknowledgement arrived in time. */
  TIMEOUT: "TIMEOUT",
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export function fail(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message } };
}

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}
