import type { Lesson } from "@livelab/core/lesson";
import { decide, emptyState, fold } from "@livelab/core/session";
import { isUniqueViolation } from "../db/roomStore.ts";
import { hashSecret, newId, newJoinCode, newSecret, newSeed } from "../security/tokens.ts";
import { rebuildRoom } from "./restore.ts";
import { SessionRoom, type RoomDeps } from "./room.ts";
import type { RoomTransport } from "./roomTransport.ts";

/**
 * Which library lesson, and which published version of it, a session runs (null: a built-in
 * lesson); and the class (roster) it is run for, whose students join as themselves (none: anyone
 * joins with a nickname).
 */
export interface SessionSource { lessonId: string; lessonVersionId: string | null; classroomId?: string | null }

export interface RoomsDeps extends RoomDeps {
  /** The transport of a new or restored room (Socket.IO rooms in the server, arrays in tests). */
  transportFor(sessionId: string): RoomTransport;
  /**
   * Scaled mode: this node's name and lease length. A session is created leased to this node,
   * and every room writes through a store fenced by its lease token (cluster/ownership.ts).
   */
  lease?: { node: string; ttlMs: number };
  /** Caps on what one account can keep running (defaults: SESSION_LIMITS). */
  limits?: Partial<SessionLimits>;
}

/** What one teacher may keep running, and when a forgotten class is ended (docs/SECURITY.md). */
export interface SessionLimits {
  /** Sessions that have not ended, per teacher (MAX_LIVE_SESSIONS_PER_TEACHER). */
  liveSessionsPerTeacher: number;
  /** A class with no teacher command and no student activity for this long is ended (SESSION_IDLE_HOURS). */
  idleMs: number;
}

export const SESSION_LIMITS: SessionLimits = { liveSessionsPerTeacher: 20, idleMs: 12 * 60 * 60 * 1000 };

/** Starting one more session would exceed the teacher's cap on live sessions. */
export class SessionLimitReached extends Error {
  constructor(readonly limit: number) {
    super(`you already have ${limit} classes running; end one before starting another`);
  }
}

/**
 * All live rooms of this server, by id and by join code. Creating a session persists it
 * before the room exists; at start-up every session that had not ended is rebuilt from the
 * store (the fold of its events, its participants and its answers).
 */
export class Rooms {
  private byId = new Map<string, SessionRoom>();
  private byCode = new Map<string, SessionRoom>();
  /** Scaled mode: the lease token each room's writes are fenced by. */
  private tokens = new Map<string, number>();
  readonly limits: SessionLimits;
  /** One session creation at a time per teacher, so the cap holds under concurrent requests. */
  private readonly creating = new Map<string, Promise<unknown>>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly deps: RoomsDeps) {
    this.limits = { ...SESSION_LIMITS, ...deps.limits };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  get(id: string): SessionRoom | undefined { return this.byId.get(id); }
  getByCode(code: string): SessionRoom | undefined { return this.byCode.get(code.toUpperCase()); }
  all(): SessionRoom[] { return [...this.byId.values()]; }

  /** The status of the session with this code, live or not (e.g. "that class has ended"). */
  codeStatus(code: string): Promise<{ status: string } | null> {
    return this.deps.store.codeStatus(code.toUpperCase());
  }

  /** The room and participant a resume token belongs to. */
  seatFor(resumeToken: string): { room: SessionRoom; participantId: string } | null {
    for (const room of this.byId.values()) {
      const participantId = room.participantForToken(resumeToken);
      if (participantId) return { room, participantId };
    }
    return null;
  }

  /** The room a view-only pairing code opens (live sessions only). */
  roomForPairing(code: string): SessionRoom | null {
    for (const room of this.byId.values()) if (room.pairingValid(code)) return room;
    return null;
  }

  /**
   * Start a session of `lesson` owned by `teacherId` (null only for tools and tests without
   * accounts). `source` says which library lesson and published version it is (the library's
   * id; defaults to the lesson file's own id and no version, as for a built-in lesson).
   * Throws SessionLimitReached when the teacher already has `liveSessionsPerTeacher` sessions
   * that have not ended (issue 12 (6): one account started 300 at 60 a second).
   */
  create(lesson: Lesson, teacherId: string | null, source: SessionSource = { lessonId: lesson.id, lessonVersionId: null }): Promise<{ room: SessionRoom; hostSecret: string }> {
    if (teacherId === null) return this.createNow(lesson, null, source);
    const previous = this.creating.get(teacherId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const live = await this.deps.store.countLiveSessions(teacherId);
      if (live >= this.limits.liveSessionsPerTeacher) throw new SessionLimitReached(this.limits.liveSessionsPerTeacher);
      return this.createNow(lesson, teacherId, source);
    });
    const settled = run.catch(() => undefined);
    this.creating.set(teacherId, settled);
    void settled.then(() => { if (this.creating.get(teacherId) === settled) this.creating.delete(teacherId); });
    return run;
  }

  private async createNow(lesson: Lesson, teacherId: string | null, source: SessionSource): Promise<{ room: SessionRoom; hostSecret: string }> {
    const hostSecret = newSecret();
    const now = this.now();
    for (let tries = 0; ; tries++) {
      const code = newJoinCode();
      if (this.byCode.has(code) || (await this.deps.store.codeStatus(code))) continue;
      const id = newId();
      const seed = newSeed();
      const decision = decide(emptyState(), { type: "create", sessionId: id, code, lessonId: source.lessonId, seed }, { now, lesson });
      if (!decision.ok) throw new Error(decision.error.message);
      try {
        await this.deps.store.createSession({ id, code, lessonId: source.lessonId, lessonVersionId: source.lessonVersionId, classroomId: source.classroomId ?? null, lesson, hostSecretHash: hashSecret(hostSecret), seed, teacherId }, decision.events, this.deps.lease);
      } catch (e) {
        if (isUniqueViolation(e) && tries < 5) continue; // code collision with another node
        throw e;
      }
      const room = new SessionRoom(this.roomDeps(id, 1), {
        state: fold(decision.events), lesson, seq: decision.events.length, hostSecretHash: hashSecret(hostSecret), teacherId, tokens: [], transport: this.deps.transportFor(id),
      });
      this.add(room);
      room.start();
      return { room, hostSecret };
    }
  }

  /** A room's dependencies: in scaled mode its store is fenced by its lease token. */
  private roomDeps(sessionId: string, token: number): RoomDeps {
    if (!this.deps.lease) return this.deps;
    this.tokens.set(sessionId, token);
    return { ...this.deps, store: this.deps.store.fenced(sessionId, token) };
  }

  /** Scaled mode: run a session this node has just leased (token `token`), rebuilt from the store. Null if it has ended or is gone. */
  async adopt(sessionId: string, token: number): Promise<SessionRoom | null> {
    const s = await this.deps.store.loadLiveSession(sessionId);
    if (!s) return null;
    const room = rebuildRoom(this.roomDeps(sessionId, token), s, this.deps.transportFor(sessionId));
    this.add(room);
    room.start();
    return room;
  }

  /** Scaled mode: the lease of every room here (to renew them). */
  leases(): { sessionId: string; token: number }[] {
    return [...this.tokens].filter(([id]) => this.byId.has(id)).map(([sessionId, token]) => ({ sessionId, token }));
  }

  private add(room: SessionRoom): void {
    this.byId.set(room.id, room);
    this.byCode.set(room.code, room);
  }

  remove(room: SessionRoom): void {
    room.close();
    this.byId.delete(room.id);
    this.byCode.delete(room.code);
    this.tokens.delete(room.id);
  }

  /** Rebuild every unfinished session from the store (after a restart). */
  async restore(): Promise<number> {
    const sessions = await this.deps.store.loadLiveSessions();
    for (const s of sessions) {
      const room = rebuildRoom(this.deps, s, this.deps.transportFor(s.id));
      this.add(room);
      room.start();
    }
    return sessions.length;
  }

  /**
   * End every class idle for `idleMs` (no teacher command, no join, resume, answer or run):
   * through the room's normal path, so a `session.ended` event is stored and students get their
   * summaries. Returns the ids ended.
   */
  async endIdle(): Promise<string[]> {
    const cutoff = this.now() - this.limits.idleMs;
    const idle = this.all().filter((r) => r.state.status !== "ended" && r.lastActivityAt <= cutoff);
    const ended: string[] = [];
    for (const room of idle) {
      const r = await room.command({ type: "end" });
      if (r.ok) ended.push(room.id);
      this.deps.log[r.ok ? "info" : "warn"]({ session: room.id, idleSinceMs: room.lastActivityAt, ok: r.ok }, "ended an idle session");
    }
    return ended;
  }

  /** Look for idle classes every `everyMs` (default: a quarter of the idle time, at most 10 minutes). */
  startIdleSweep(everyMs = Math.min(this.limits.idleMs / 4, 10 * 60 * 1000)): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => void this.endIdle().catch((e) => this.deps.log.error({ err: e }, "idle sweep failed")), everyMs);
    this.sweeper.unref();
  }

  closeAll(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const room of this.byId.values()) room.close();
  }
}
