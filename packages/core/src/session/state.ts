import type { Lesson } from "../lesson/schema.ts";
import type { GradeResult } from "../questions/grade.ts";
import type { SingleChoiceQuestion } from "../questions/schema.ts";
import type { Timeline } from "./timeline.ts";

export type SessionStatus = "lobby" | "live" | "ended";
export type QuestionStatus = "open" | "closed" | "revealed";

export interface ParticipantState {
  id: string;
  nickname: string;
  nicknameKey: string;
  joinedAt: number;
  removed: boolean;
}

export interface QuestionRuntime {
  status: QuestionStatus;
  openedAt: number;
  /** Server-side deadline (ms) or null for no timer. */
  deadline: number | null;
  closedAt: number | null;
  /** For prediction questions: the option the simulation showed to be right. */
  predictionOutcome?: string | null;
}

/** One stored answer, as the live state needs it. */
export interface AnswerRecord {
  attempt: number;
  idempotencyKey: string;
  result: GradeResult;
  answer: unknown;
  at: number;
}

/**
 * What the projector shows besides the activity: teacher commands, so a stage is a function of
 * the session state alone and a reloaded or paired projector shows exactly the same.
 */
export interface StageState {
  /** A dark screen while the teacher talks. */
  blank: boolean;
  /** The full join card (QR, address) after the lobby; it shrinks to a strip otherwise. */
  joinCard: boolean;
  /** Names beside free-text answers on the projector's wall (anonymous by default). */
  namesShown: boolean;
  /** The podium in the end-of-class summary (off by default; counted by correct answers). */
  podium: boolean;
}

/**
 * The live state of one class. It is the fold of the session's events (see `apply`), so a
 * restarted server rebuilds it exactly from the database.
 */
export interface SessionState {
  id: string;
  code: string;
  lessonId: string;
  seed: number;
  status: SessionStatus;
  createdAt: number;
  endedAt: number | null;
  joinLocked: boolean;
  paused: boolean;
  activityIndex: number;
  timeline: Timeline | null;
  /** The question whose answers the teacher shows on the projector (null: none). */
  projectorQuestion: string | null;
  participants: Record<string, ParticipantState>;
  /** Normalized nickname → participant id (removed ones keep theirs): O(1) uniqueness checks on join. */
  nicknameKeys: Map<string, string>;
  questions: Record<string, QuestionRuntime>;
  /** answers[questionId][participantId] = attempts in order. */
  answers: Record<string, Record<string, AnswerRecord[]>>;
  stage: StageState;
  /** Text answers the teacher hid from the projector's wall: hiddenTexts[questionId][participantId]. */
  hiddenTexts: Record<string, Record<string, true>>;
  /**
   * Answers refused as unreadable, kept per student and question (at most UNREADABLE_KEPT):
   * unreadable[questionId][participantId] = how many. The console shows "tried — unreadable",
   * the report each question's unreadable share.
   */
  unreadable: Record<string, Record<string, number>>;
  /** The view-only projector pairing in force: the SHA-256 of its code (the code itself is never stored). */
  pairing: { codeHash: string; at: number } | null;
}

/** Unreadable answers kept per student and question: a stuck button cannot flood the database. */
export const UNREADABLE_KEPT = 3;

/** Things the reducer needs but does not own: the clock and the lesson. */
export interface SessionContext {
  now: number;
  lesson: Lesson;
  /**
   * The option a prediction question's simulation shows to be right. Pure but costly (it runs
   * the simulation), so a server passes a memoized one; without it, `decide` runs it each time.
   */
  prediction?: (question: SingleChoiceQuestion) => string | null;
}

export const DEFAULT_STAGE: StageState = { blank: false, joinCard: false, namesShown: false, podium: false };

export function emptyState(): SessionState {
  return {
    id: "", code: "", lessonId: "", seed: 0, status: "lobby", createdAt: 0, endedAt: null,
    joinLocked: false, paused: false, activityIndex: 0, timeline: null, projectorQuestion: null,
    participants: {}, nicknameKeys: new Map(), questions: {}, answers: {},
    stage: { ...DEFAULT_STAGE }, hiddenTexts: {}, unreadable: {}, pairing: null,
  };
}

/**
 * A record's own entry, never an inherited one: ids come from clients, and "constructor" or
 * "__proto__" must read as "no such id", not as Object.prototype's members.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
