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
}

/**
 * All live rooms of this server, by id and by join code. Creating a session persists it
 * before the room exists; at start-up every session that had not ended is rebuilt from the
 * store (the fold of its events, its participants and its answers).
 */
export class Rooms {
  private byId = new Map<string, SessionRoom>();
  private byCode = new Map<string, SessionRoom>();

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

  /** The room a view-only pairing code opens (live sessions only). */
  roomForPairing(code: string): SessionRoom | null {
    for (const room of this.byId.values()) if (room.pairingValid(code)) return room;
    return null;
  }

  /**
   * Start a session of `lesson` owned by `teacherId` (null only for tools and tests without
   * accounts). `source` says which library lesson and published version it is (the library's
   * id; defaults to the lesson file's own id and no version, as for a built-in lesson).
   */
  async create(lesson: Lesson, teacherId: string | null, source: { lessonId: string; lessonVersionId: string | null } = { lessonId: lesson.id, lessonVersionId: null }): Promise<{ room: SessionRoom; hostSecret: string }> {
    const hostSecret = newSecret();
    const now = this.deps.now?.() ?? Date.now();
    for (let tries = 0; ; tries++) {
      const code = newJoinCode();
      if (this.byCode.has(code) || (await this.deps.store.codeStatus(code))) continue;
      const id = newId();
      const seed = newSeed();
      const decision = decide(emptyState(), { type: "create", sessionId: id, code, lessonId: source.lessonId, seed }, { now, lesson });
      if (!decision.ok) throw new Error(decision.error.message);
      try {
        await this.deps.store.createSession({ id, code, lessonId: source.lessonId, lessonVersionId: source.lessonVersionId, lesson, hostSecretHash: hashSecret(hostSecret), seed, teacherId }, decision.events);
      } catch (e) {
        if (isUniqueViolation(e) && tries < 5) continue; // code collision with another node
        throw e;
      }
      const room = new SessionRoom(this.deps, {
        state: fold(decision.events), lesson, seq: decision.events.length, hostSecretHash: hashSecret(hostSecret), teacherId, tokens: [], transport: this.deps.transportFor(id),
      });
      this.add(room);
      room.start();
      return { room, hostSecret };
    }
  }

  private add(room: SessionRoom): void {
    this.byId.set(room.id, room);
    this.byCode.set(room.code, room);
  }

  remove(room: SessionRoom): void {
    room.close();
    this.byId.delete(room.id);
    this.byCode.delete(room.code);
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
