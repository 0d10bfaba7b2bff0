import type { Lesson } from "@livelab/core/lesson";
import type { GradeResult } from "@livelab/core/questions";
import type { SessionEvent } from "@livelab/core/session";

/**
 * What a live room reads and writes, and nothing else: the room depends on this interface,
 * not on Prisma. `PrismaRoomStore` is the real one (PGlite or PostgreSQL); `MemoryRoomStore`
 * keeps rows in memory for unit tests of the room. One contract test suite
 * (test/roomStore.contract.test.ts) runs against both, so the memory store cannot drift.
 *
 * Every method is one transaction: it either writes everything or nothing, and a unique
 * constraint refusal is an error for which `isUniqueViolation` is true.
 */
export interface RoomStore {
  /** A new session; with `owner` (scaled mode) it is created already leased to that node, token 1. */
  createSession(s: NewSession, events: SessionEvent[], owner?: { node: string; ttlMs: number }): Promise<void>;
  /**
   * Append log events with consecutive sequence numbers from `fromSeq`. A `participant.removed`
   * event also marks that participant's row, and `status` mirrors the session's status — all
   * in the same transaction.
   */
  appendEvents(sessionId: string, fromSeq: number, events: SessionEvent[], status?: { status: string; endedAt?: Date }): Promise<void>;
  insertParticipants(rows: ParticipantRow[]): Promise<void>;
  insertResponses(rows: ResponseRow[]): Promise<void>;
  /** Answers refused as unreadable (they use no attempt), kept for the report's item statistics. */
  insertUnreadable(rows: UnreadableRow[]): Promise<void>;
  /** A student's run in a class experiment; a new run replaces their previous one. */
  saveExperimentRun(r: ExperimentRunRow): Promise<void>;
  /** The status of the session with this join code, or null if there is none. */
  codeStatus(code: string): Promise<{ status: string } | null>;
  /** How many of this teacher's sessions have not ended (the cap on live sessions per teacher). */
  countLiveSessions(teacherId: string): Promise<number>;
  /** Every session that has not ended, with everything needed to rebuild its live state. */
  loadLiveSessions(): Promise<LoadedSession[]>;
  /** One session, if it has not ended, with everything needed to rebuild it. */
  loadLiveSession(id: string): Promise<LoadedSession | null>;
  /** A session by id, by join code, or by the hash of one of its resume tokens. */
  findSession(by: { id: string } | { code: string } | { resumeTokenHash: string }): Promise<{ id: string; status: string } | null>;
  /**
   * This store with every write for `sessionId` fenced by `token`: each write checks, in the
   * same statement or transaction, that the session's lease token is still `token`, and
   * otherwise writes nothing and fails with `LeaseLostError`. A node that lost a session (its
   * lease expired and another node took it, incrementing the token) can never write to it.
   */
  fenced(sessionId: string, token: number): RoomStore;
}

/**
 * Leases on live sessions (scaled mode, several nodes on one database): exactly one node runs a
 * session's room at a time. Times are the database's clock, so the nodes' clocks do not matter.
 */
export interface LeaseStore {
  /**
   * Take an unfinished session nobody holds (no owner, or the lease expired): the new fencing
   * token (one more than the last), or null if another node holds it or it has ended.
   */
  acquireLease(sessionId: string, node: string, ttlMs: number): Promise<number | null>;
  /** Extend the leases `node` still holds with these tokens; returns the ids it still holds. */
  renewLeases(node: string, leases: { sessionId: string; token: number }[], ttlMs: number): Promise<string[]>;
  /** Give a session up (a node shutting down): another node may take it at once. */
  releaseLease(sessionId: string, token: number): Promise<void>;
  /** Unfinished sessions that no node holds. */
  orphanedSessions(): Promise<string[]>;
}

/** A fenced write refused: another node took the session (its lease token moved on). Nothing was written. */
export class LeaseLostError extends Error {
  readonly code = "LEASE_LOST";
  constructor(readonly sessionId: string, readonly token: number) {
    super(`this node no longer holds session ${sessionId} (lease token ${token} is stale)`);
  }
}

export const isLeaseLost = (e: unknown): e is LeaseLostError => (e as { code?: string } | null)?.code === "LEASE_LOST";

export interface NewSession {
  id: string;
  code: string;
  lessonId: string;
  lesson: Lesson;
  hostSecretHash: string;
  seed: number;
  teacherId: string | null;
  /** The published version of a teacher's lesson this class runs (null: a built-in lesson). */
  lessonVersionId?: string | null;
  /** The class (roster) it is run for (null: anyone joins with a nickname). */
  classroomId?: string | null;
}

/** A participant row as the join batcher writes it. */
export interface ParticipantRow {
  id: string;
  sessionId: string;
  nickname: string;
  nicknameKey: string;
  resumeTokenHash: string;
  joinedAt: Date;
  /** The roster student who joined as themselves (a class run for a roster); null or absent for a nickname. */
  studentId?: string | null;
}

export interface ResponseRow {
  id: string;
  sessionId: string;
  participantId: string;
  questionId: string;
  attempt: number;
  params: Record<string, number>;
  answer: unknown;
  result: GradeResult;
  idempotencyKey: string;
  msToAnswer: number | null;
  answeredAt: Date;
}

export interface UnreadableRow {
  id: string;
  sessionId: string;
  participantId: string;
  questionId: string;
  /** What was typed, as text (cut to 200 characters). */
  answer: string;
  reason: string;
  at: Date;
}

export interface ExperimentRunRow {
  id: string;
  sessionId: string;
  participantId: string;
  activityId: string;
  params: Record<string, unknown>;
  value: number;
  trainLoss: number;
  valLoss: number;
}

export interface LoadedSession {
  id: string;
  code: string;
  lessonId: string;
  lesson: Lesson;
  seed: number;
  status: string;
  hostSecretHash: string;
  /** The teacher account that owns it (their sign-in attaches their screens); null for sessions made without one. */
  teacherId: string | null;
  /** The SessionEvent log, in seq order. */
  events: SessionEvent[];
  participants: (ParticipantRow & { removed: boolean })[];
  /** In the order they were answered (attempts in order). Feedback text is not stored: `result.feedback` is empty. */
  responses: ResponseRow[];
  experimentRuns: { participantId: string; activityId: string; value: number; trainLoss: number; valLoss: number }[];
  /** Unreadable answers kept so far (the room caps how many per student and question). */
  /** Answers refused as unreadable (UnreadableAnswer rows), in the order they came. */
  unreadable: Omit<UnreadableRow, "id" | "sessionId">[];
}

/** A unique constraint refused the write: Prisma's P2002, or PostgreSQL's 23505 from raw SQL. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === "P2002" || code === "23505";
}
