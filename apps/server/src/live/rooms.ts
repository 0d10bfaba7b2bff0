import type { Lesson } from "@livelab/core/lesson";
import { decide, emptyState, fold } from "@livelab/core/session";
import { isUniqueViolation } from "../db/roomStore.ts";
import { hashSecret, newId, newJoinCode, newSecret, newSeed } from "../security/tokens.ts";
import { rebuildRoom } from "./restore.ts";
import { SessionRoom, type RoomDeps } from "./room.ts";
import type { RoomTransport } from "./roomTransport.ts";

export interface RoomsDeps extends RoomDeps {
  /** The transport of a new or restored room (Socket.IO rooms in the server, arrays in tests). */
  transportFor(sessionId: string): RoomTransport;
  /**
   * Scaled mode: this node's name and lease length. A session is created leased to this node,
   * and every room writes through a store fenced by its lease token (cluster/ownership.ts).
   */
  lease?: { node: string; ttlMs: number };
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

  constructor(private readonly deps: RoomsDeps) {}

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

  /** Start a session of `lesson` owned by `teacherId` (null only for tools and tests without accounts). */
  async create(lesson: Lesson, teacherId: string | null): Promise<{ room: SessionRoom; hostSecret: string }> {
    const hostSecret = newSecret();
    const now = this.deps.now?.() ?? Date.now();
    for (let tries = 0; ; tries++) {
      const code = newJoinCode();
      if (this.byCode.has(code) || (await this.deps.store.codeStatus(code))) continue;
      const id = newId();
      const seed = newSeed();
      const decision = decide(emptyState(), { type: "create", sessionId: id, code, lessonId: lesson.id, seed }, { now, lesson });
      if (!decision.ok) throw new Error(decision.error.message);
      try {
        await this.deps.store.createSession({ id, code, lessonId: lesson.id, lesson, hostSecretHash: hashSecret(hostSecret), seed, teacherId }, decision.events, this.deps.lease);
      } catch (e) {
        if (isUniqueViolation(e) && tries < 5) continue; // code collision with another node
        throw e;
      }
      const room = new SessionRoom(this.roomDeps(id, 1), {
        state: fold(decision.events), lesson, seq: decision.events.length, hostSecretHash: hashSecret(hostSecret), tokens: [], transport: this.deps.transportFor(id),
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

  closeAll(): void {
    for (const room of this.byId.values()) room.close();
  }
}
