import type { SessionEvent } from "@livelab/core/session";
import { LeaseLostError, type ExperimentRunRow, type LeaseStore, type LoadedSession, type NewSession, type ParticipantRow, type ResponseRow, type RoomStore, type UnreadableRow } from "./roomStore.ts";

/** PostgreSQL's error for a unique constraint refusal, as the memory store raises it. */
class UniqueViolation extends Error {
  readonly code = "23505";
  constructor(constraint: string) {
    super(`duplicate key value violates unique constraint "${constraint}"`);
  }
}

interface StoredSession extends NewSession {
  status: string;
  endedAt: Date | null;
  events: Map<number, SessionEvent>;
  ownerNode: string | null;
  leaseToken: number;
  leaseExpiresAt: number | null;
}

/** The rows: one set shared by a store and its fenced views. */
class MemoryRows {
  failWrites = false;
  readonly sessions = new Map<string, StoredSession>();
  readonly participants = new Map<string, ParticipantRow & { removed: boolean }>();
  readonly responses: ResponseRow[] = [];
  readonly runs = new Map<string, ExperimentRunRow>();
  readonly unreadable: UnreadableRow[] = [];
}

/**
 * RoomStore in memory, for unit tests of a room without a database. It keeps the same unique
 * constraints as prisma/schema.prisma and writes each call all-or-nothing; the contract suite
 * (test/roomStore.contract.test.ts) holds it to the same behaviour as PrismaRoomStore. Rows are
 * copied in and out (structuredClone), as a database would.
 *
 * `failWrites` makes every write fail, as a database that went away would: tests of "nothing
 * acknowledged unless stored" use it.
 */
export class MemoryRoomStore implements RoomStore, LeaseStore {
  private readonly rows: MemoryRows;
  private readonly sessions: Map<string, StoredSession>;
  private readonly participants: Map<string, ParticipantRow & { removed: boolean }>;
  private readonly responses: ResponseRow[];
  private readonly runs: Map<string, ExperimentRunRow>;
  private readonly unreadable: UnreadableRow[];

  /** `now` is the "database clock" of the leases. */
  constructor(private readonly now: () => number = Date.now, rows?: MemoryRows, private readonly fence: { sessionId: string; token: number } | null = null) {
    this.rows = rows ?? new MemoryRows();
    ({ sessions: this.sessions, participants: this.participants, responses: this.responses, runs: this.runs, unreadable: this.unreadable } = this.rows);
  }

  get failWrites(): boolean { return this.rows.failWrites; }
  set failWrites(v: boolean) { this.rows.failWrites = v; }

  fenced(sessionId: string, token: number): RoomStore {
    return new MemoryRoomStore(this.now, this.rows, { sessionId, token });
  }

  private writable(): void {
    if (this.failWrites) throw Object.assign(new Error("database unavailable (MemoryRoomStore.failWrites)"), { code: "ECONNREFUSED" });
    if (this.fence && this.sessions.get(this.fence.sessionId)?.leaseToken !== this.fence.token) throw new LeaseLostError(this.fence.sessionId, this.fence.token);
  }

  async createSession(s: NewSession, events: SessionEvent[], owner?: { node: string; ttlMs: number }): Promise<void> {
    this.writable();
    if (this.sessions.has(s.id)) throw new UniqueViolation("ClassSession_pkey");
    for (const other of this.sessions.values()) if (other.code === s.code) throw new UniqueViolation("ClassSession_code_key");
    const log = new Map(events.map((e, i) => [i + 1, structuredClone(e)]));
    const lease = owner ? { ownerNode: owner.node, leaseToken: 1, leaseExpiresAt: this.now() + owner.ttlMs } : { ownerNode: null, leaseToken: 0, leaseExpiresAt: null };
    this.sessions.set(s.id, { ...structuredClone(s), status: "lobby", endedAt: null, events: log, ...lease });
  }

  async findSession(by: { id: string } | { code: string } | { resumeTokenHash: string }): Promise<{ id: string; status: string } | null> {
    let id: string | undefined;
    if ("id" in by) id = by.id;
    else if ("code" in by) id = [...this.sessions.values()].find((s) => s.code === by.code)?.id;
    else id = [...this.participants.values()].find((p) => p.resumeTokenHash === by.resumeTokenHash)?.sessionId;
    const s = id ? this.sessions.get(id) : undefined;
    return s ? { id: s.id, status: s.status } : null;
  }

  // ---------------------------------------------------------------- leases

  private held(s: StoredSession): boolean {
    return s.ownerNode !== null && s.leaseExpiresAt !== null && s.leaseExpiresAt >= this.now();
  }

  async acquireLease(sessionId: string, node: string, ttlMs: number): Promise<number | null> {
    const s = this.sessions.get(sessionId);
    if (!s || s.status === "ended" || this.held(s)) return null;
    Object.assign(s, { ownerNode: node, leaseToken: s.leaseToken + 1, leaseExpiresAt: this.now() + ttlMs });
    return s.leaseToken;
  }

  async renewLeases(node: string, leases: { sessionId: string; token: number }[], ttlMs: number): Promise<string[]> {
    const still: string[] = [];
    for (const l of leases) {
      const s = this.sessions.get(l.sessionId);
      if (!s || s.ownerNode !== node || s.leaseToken !== l.token) continue;
      s.leaseExpiresAt = this.now() + ttlMs;
      still.push(l.sessionId);
    }
    return still;
  }

  async releaseLease(sessionId: string, token: number): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (s?.leaseToken === token) Object.assign(s, { ownerNode: null, leaseExpiresAt: null });
  }

  async orphanedSessions(): Promise<string[]> {
    return [...this.sessions.values()].filter((s) => s.status !== "ended" && !this.held(s)).map((s) => s.id);
  }

  async appendEvents(sessionId: string, fromSeq: number, events: SessionEvent[], status?: { status: string; endedAt?: Date }): Promise<void> {
    this.writable();
    if (events.length === 0) return;
    const s = this.sessions.get(sessionId);
    if (!s) throw Object.assign(new Error("foreign key: no such session"), { code: "23503" });
    events.forEach((_, i) => { if (s.events.has(fromSeq + i)) throw new UniqueViolation("SessionEvent_pkey"); });
    const removed = events.filter((e) => e.type === "participant.removed").map((e) => this.participants.get(e.participantId));
    if (removed.some((p) => !p || p.sessionId !== sessionId)) throw Object.assign(new Error("record to update not found"), { code: "P2025" });
    events.forEach((e, i) => s.events.set(fromSeq + i, structuredClone(e)));
    for (const p of removed) p!.removed = true;
    if (status) {
      s.status = status.status;
      s.endedAt = status.endedAt ?? null;
    }
  }

  async insertParticipants(rows: ParticipantRow[]): Promise<void> {
    this.writable();
    const seen = new Set<string>();
    for (const r of rows) {
      if (!this.sessions.has(r.sessionId)) throw Object.assign(new Error("foreign key: no such session"), { code: "23503" });
      const key = `${r.sessionId}|${r.nicknameKey}`;
      const tokenKey = `token|${r.resumeTokenHash}`;
      if (this.participants.has(r.id) || seen.has(r.id)) throw new UniqueViolation("Participant_pkey");
      if (seen.has(key) || seen.has(tokenKey)) throw new UniqueViolation("Participant_sessionId_nicknameKey_key");
      for (const p of this.participants.values()) {
        if (p.sessionId === r.sessionId && p.nicknameKey === r.nicknameKey) throw new UniqueViolation("Participant_sessionId_nicknameKey_key");
        if (p.resumeTokenHash === r.resumeTokenHash) throw new UniqueViolation("Participant_resumeTokenHash_key");
      }
      seen.add(r.id).add(key).add(tokenKey);
    }
    for (const r of rows) this.participants.set(r.id, { ...structuredClone(r), removed: false });
  }

  async insertResponses(rows: ResponseRow[]): Promise<void> {
    this.writable();
    const taken = new Set(this.responses.flatMap((r) => [`a|${r.participantId}|${r.questionId}|${r.attempt}`, `k|${r.participantId}|${r.idempotencyKey}`, `id|${r.id}`]));
    for (const r of rows) {
      if (!this.participants.has(r.participantId)) throw Object.assign(new Error("foreign key: no such participant"), { code: "23503" });
      for (const k of [`a|${r.participantId}|${r.questionId}|${r.attempt}`, `k|${r.participantId}|${r.idempotencyKey}`, `id|${r.id}`]) {
        if (taken.has(k)) throw new UniqueViolation("Response_unique");
        taken.add(k);
      }
    }
    for (const r of rows) this.responses.push(structuredClone(r));
  }

  async insertUnreadable(rows: UnreadableRow[]): Promise<void> {
    this.writable();
    const ids = new Set(this.unreadable.map((r) => r.id));
    for (const r of rows) {
      if (!this.participants.has(r.participantId)) throw Object.assign(new Error("foreign key: no such participant"), { code: "23503" });
      if (ids.has(r.id)) throw new UniqueViolation("UnreadableAnswer_pkey");
      ids.add(r.id);
    }
    for (const r of rows) this.unreadable.push(structuredClone(r));
  }

  async saveExperimentRun(r: ExperimentRunRow): Promise<void> {
    this.writable();
    if (!this.participants.has(r.participantId)) throw Object.assign(new Error("foreign key: no such participant"), { code: "23503" });
    const key = `${r.participantId}|${r.activityId}`;
    const previous = this.runs.get(key);
    // An update keeps the row's id, as the database's upsert does.
    this.runs.set(key, { ...structuredClone(r), id: previous?.id ?? r.id });
  }

  async codeStatus(code: string): Promise<{ status: string } | null> {
    for (const s of this.sessions.values()) if (s.code === code) return { status: s.status };
    return null;
  }

  async loadLiveSession(id: string): Promise<LoadedSession | null> {
    return (await this.loadLiveSessions()).find((s) => s.id === id) ?? null;
  }

  async countLiveSessions(teacherId: string): Promise<number> {
    return [...this.sessions.values()].filter((s) => s.teacherId === teacherId && s.status !== "ended").length;
  }

  async loadLiveSessions(): Promise<LoadedSession[]> {
    const out: LoadedSession[] = [];
    for (const s of this.sessions.values()) {
      if (s.status === "ended") continue;
      const participants = [...this.participants.values()].filter((p) => p.sessionId === s.id).sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
      const responses = this.responses.filter((r) => r.sessionId === s.id)
        .map((r, i) => ({ r, i }))
        .sort((a, b) => a.r.answeredAt.getTime() - b.r.answeredAt.getTime() || a.r.attempt - b.r.attempt || a.i - b.i)
        .map(({ r }) => {
          const { status, correct, score, feedbackKey } = r.result;
          return { ...structuredClone(r), result: { status, correct, score, feedbackKey, feedback: "", expected: "" } };
        });
      out.push({
        id: s.id, code: s.code, lessonId: s.lessonId, lesson: structuredClone(s.lesson), seed: s.seed, status: s.status, hostSecretHash: s.hostSecretHash, teacherId: s.teacherId,
        events: [...s.events.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => structuredClone(e)),
        participants: participants.map((p) => structuredClone(p)),
        responses,
        experimentRuns: [...this.runs.values()].filter((r) => r.sessionId === s.id).map((r) => ({ participantId: r.participantId, activityId: r.activityId, value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss })),
        unreadable: this.unreadable.filter((r) => r.sessionId === s.id).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id)).map((r) => ({ participantId: r.participantId, questionId: r.questionId, answer: r.answer, reason: r.reason, at: new Date(r.at) })),
      });
    }
    return out;
  }
}
