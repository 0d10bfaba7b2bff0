import type { Lesson } from "@livelab/core/lesson";
import type { GradeResult } from "@livelab/core/questions";
import type { SessionEvent } from "@livelab/core/session";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";
import { LeaseLostError, type ExperimentRunRow, type LeaseStore, type LoadedSession, type NewSession, type ParticipantRow, type ResponseRow, type RoomStore, type UnreadableRow } from "./roomStore.ts";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** The database's clock, in UTC like every timestamp Prisma writes (the nodes' clocks never decide a lease). */
const DB_NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;
const leaseEnd = (ttlParam: string) => `${DB_NOW} + make_interval(secs => ${ttlParam}::float8 / 1000)`;

/**
 * A batch insert (`INSERT … SELECT … FROM unnest(…)` with `n` parameters) that writes only if
 * the session's lease token is still the fence's. The session row is locked FOR SHARE, so a
 * takeover (which updates that row) waits for this insert to commit, and an insert after a
 * takeover sees the new token: the new owner's rebuild always sees every write that was not
 * refused. Returns one row: whether the fence held.
 */
function fencedInsert(insert: string, n: number): string {
  return `WITH fence AS (SELECT 1 FROM "ClassSession" WHERE id = $${n + 1} AND "leaseToken" = $${n + 2} FOR SHARE),
    ins AS (${insert} WHERE EXISTS (SELECT 1 FROM fence) RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM fence) AS owned`;
}

/**
 * The live rooms' storage on the real database (PGlite or PostgreSQL, through Prisma). Each
 * method is one transaction; the room acknowledges to clients only after it resolves.
 */
export type HotWrite = "answers" | "joins" | "events";

export class PrismaRoomStore implements RoomStore, LeaseStore {
  /** Told of every hot write once it is committed (the metrics): what, seconds taken, rows. */
  onWrite: ((what: HotWrite, seconds: number, rows: number) => void) | null = null;
  /** The store fenced views report to (onWrite is set on it). */
  private readonly root: PrismaRoomStore;

  constructor(private readonly db: Database, private readonly fence: { sessionId: string; token: number } | null = null, root?: PrismaRoomStore) {
    this.root = root ?? this;
  }

  fenced(sessionId: string, token: number): RoomStore {
    return new PrismaRoomStore(this.db, { sessionId, token }, this.root);
  }

  private async timed(what: HotWrite, rows: number, write: () => Promise<unknown>): Promise<void> {
    const t0 = performance.now();
    await write();
    this.root.onWrite?.(what, (performance.now() - t0) / 1000, rows);
  }

  /** A fenced batch insert of rows of the fenced session; unfenced stores run the insert as it is. */
  private async insert(sql: string, params: unknown[]): Promise<void> {
    if (!this.fence) return void (await this.db.query(sql, params));
    const [row] = await this.db.query<{ owned: boolean }>(fencedInsert(sql, params.length), [...params, this.fence.sessionId, this.fence.token]);
    if (!row?.owned) throw new LeaseLostError(this.fence.sessionId, this.fence.token);
  }

  /**
   * Prisma writes in one transaction, behind the fence when there is one: the session row is
   * locked FOR SHARE and its token checked first (an interactive transaction; unfenced stores
   * keep the batched one).
   */
  private async transaction(build: (p: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>[]): Promise<void> {
    const fence = this.fence;
    if (!fence) return void (await this.db.prisma.$transaction(build(this.db.prisma)));
    await this.db.prisma.$transaction(async (tx) => {
      const held = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "ClassSession" WHERE id = $1 AND "leaseToken" = $2 FOR SHARE`, fence.sessionId, fence.token);
      if (held.length === 0) throw new LeaseLostError(fence.sessionId, fence.token);
      for (const op of build(tx)) await op;
    });
  }

  async createSession(s: NewSession, events: SessionEvent[], owner?: { node: string; ttlMs: number }): Promise<void> {
    const p = this.db.prisma;
    await p.$transaction([
      p.classSession.create({ data: { ...s, lesson: json(s.lesson), ...(owner ? { ownerNode: owner.node, leaseToken: 1 } : {}) } }),
      p.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId: s.id, seq: i + 1, type: e.type, payload: json(e) })) }),
      ...(owner ? [p.$executeRawUnsafe(`UPDATE "ClassSession" SET "leaseExpiresAt" = ${leaseEnd("$2")} WHERE id = $1`, s.id, owner.ttlMs)] : []),
    ]);
  }

  async appendEvents(sessionId: string, fromSeq: number, events: SessionEvent[], status?: { status: string; endedAt?: Date }): Promise<void> {
    if (events.length === 0) return;
    const ops = (p: Prisma.TransactionClient): Prisma.PrismaPromise<unknown>[] => [
      p.sessionEvent.createMany({ data: events.map((e, i) => ({ sessionId, seq: fromSeq + i, type: e.type, payload: json(e) })) }),
      ...events.flatMap((e) => (e.type === "participant.removed" ? [p.participant.update({ where: { id: e.participantId, sessionId }, data: { removed: true } })] : [])),
      ...(status ? [p.classSession.update({ where: { id: sessionId }, data: { status: status.status, endedAt: status.endedAt ?? null } })] : []),
    ];
    await this.timed("events", events.length, () => this.transaction(ops));
  }

  /**
   * Many joins in one statement (the join batcher's flush). Hot paths use one fixed SQL text
   * with array parameters instead of Prisma's createMany: Prisma compiles a query per distinct
   * row count, which was the largest single cost of a 2,000-student join storm and answer
   * burst (docs/BENCHMARKS.md). Same columns, same constraints, same errors (23505 = unique).
   */
  async insertParticipants(rows: ParticipantRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.timed("joins", rows.length, () => this.insert(
      `INSERT INTO "Participant" (id, "sessionId", nickname, "nicknameKey", "resumeTokenHash", "joinedAt", "lastSeenAt", "studentId")
       SELECT id, s, n, k, h, t, t, st FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[], $7::text[]) AS r(id, s, n, k, h, t, st)`,
      [rows.map((r) => r.id), rows.map((r) => r.sessionId), rows.map((r) => r.nickname), rows.map((r) => r.nicknameKey), rows.map((r) => r.resumeTokenHash), rows.map((r) => r.joinedAt.toISOString()), rows.map((r) => r.studentId ?? null)],
    ));
  }

  /** Many answers in one statement (the answer batcher's flush); see insertParticipants. */
  async insertResponses(rows: ResponseRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.timed("answers", rows.length, () => this.insert(
      `INSERT INTO "Response" (id, "sessionId", "participantId", "questionId", attempt, params, answer, status, correct, score, "feedbackKey", "idempotencyKey", "msToAnswer", "answeredAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::text[], $9::boolean[], $10::float8[], $11::text[], $12::text[], $13::int[], $14::timestamp(3)[])`,
      [
        rows.map((r) => r.id), rows.map((r) => r.sessionId), rows.map((r) => r.participantId), rows.map((r) => r.questionId), rows.map((r) => r.attempt),
        rows.map((r) => JSON.stringify(r.params)), rows.map((r) => JSON.stringify(r.answer ?? null)), rows.map((r) => r.result.status),
        rows.map((r) => r.result.correct), rows.map((r) => r.result.score), rows.map((r) => r.result.feedbackKey), rows.map((r) => r.idempotencyKey),
        rows.map((r) => r.msToAnswer), rows.map((r) => r.answeredAt.toISOString()),
      ],
    ));
  }

  async insertUnreadable(rows: UnreadableRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.transaction((p) => [p.unreadableAnswer.createMany({ data: rows })]);
  }

  async saveExperimentRun(r: ExperimentRunRow): Promise<void> {
    await this.transaction((p) => [p.experimentRun.upsert({
      where: { participantId_activityId: { participantId: r.participantId, activityId: r.activityId } },
      create: { ...r, params: json(r.params) },
      update: { params: json(r.params), value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss, createdAt: new Date() },
    })]);
  }

  async findSession(by: { id: string } | { code: string } | { resumeTokenHash: string }): Promise<{ id: string; status: string } | null> {
    if ("id" in by) return this.db.prisma.classSession.findUnique({ where: { id: by.id }, select: { id: true, status: true } });
    if ("code" in by) return this.db.prisma.classSession.findUnique({ where: { code: by.code }, select: { id: true, status: true } });
    const p = await this.db.prisma.participant.findUnique({ where: { resumeTokenHash: by.resumeTokenHash }, select: { session: { select: { id: true, status: true } } } });
    return p?.session ?? null;
  }

  // ---------------------------------------------------------------- leases (scaled mode)

  async acquireLease(sessionId: string, node: string, ttlMs: number): Promise<number | null> {
    const rows = await this.db.query<{ leaseToken: number }>(
      `UPDATE "ClassSession" SET "ownerNode" = $2, "leaseToken" = "leaseToken" + 1, "leaseExpiresAt" = ${leaseEnd("$3")}
       WHERE id = $1 AND status <> 'ended' AND ("ownerNode" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${DB_NOW})
       RETURNING "leaseToken"`,
      [sessionId, node, ttlMs],
    );
    return rows[0]?.leaseToken ?? null;
  }

  async renewLeases(node: string, leases: { sessionId: string; token: number }[], ttlMs: number): Promise<string[]> {
    if (leases.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `UPDATE "ClassSession" AS s SET "leaseExpiresAt" = ${leaseEnd("$4")}
       FROM unnest($2::text[], $3::int[]) AS l(id, token)
       WHERE s.id = l.id AND s."leaseToken" = l.token AND s."ownerNode" = $1
       RETURNING s.id`,
      [node, leases.map((l) => l.sessionId), leases.map((l) => l.token), ttlMs],
    );
    return rows.map((r) => r.id);
  }

  async releaseLease(sessionId: string, token: number): Promise<void> {
    await this.db.query(`UPDATE "ClassSession" SET "ownerNode" = NULL, "leaseExpiresAt" = NULL WHERE id = $1 AND "leaseToken" = $2`, [sessionId, token]);
  }

  async orphanedSessions(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM "ClassSession" WHERE status <> 'ended' AND ("ownerNode" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${DB_NOW}) ORDER BY "createdAt"`,
    );
    return rows.map((r) => r.id);
  }

  async codeStatus(code: string): Promise<{ status: string } | null> {
    return this.db.prisma.classSession.findUnique({ where: { code }, select: { status: true } });
  }

  async countLiveSessions(teacherId: string): Promise<number> {
    return this.db.prisma.classSession.count({ where: { teacherId, status: { not: "ended" } } });
  }

  async loadLiveSessions(): Promise<LoadedSession[]> {
    return this.load(await this.db.prisma.classSession.findMany({ where: { status: { not: "ended" } } }));
  }

  async loadLiveSession(id: string): Promise<LoadedSession | null> {
    return (await this.load(await this.db.prisma.classSession.findMany({ where: { id, status: { not: "ended" } } })))[0] ?? null;
  }

  private async load(sessions: { id: string; code: string; lessonId: string; lesson: unknown; seed: number; status: string; hostSecretHash: string; teacherId: string | null }[]): Promise<LoadedSession[]> {
    const out: LoadedSession[] = [];
    for (const s of sessions) {
      const [events, participants, responses, runs, unreadable] = await Promise.all([
        this.db.prisma.sessionEvent.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }),
        this.db.prisma.participant.findMany({ where: { sessionId: s.id }, orderBy: { joinedAt: "asc" } }),
        this.db.prisma.response.findMany({ where: { sessionId: s.id }, orderBy: [{ answeredAt: "asc" }, { attempt: "asc" }] }),
        this.db.prisma.experimentRun.findMany({ where: { sessionId: s.id } }),
        this.db.prisma.unreadableAnswer.findMany({ where: { sessionId: s.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { participantId: true, questionId: true, answer: true, reason: true, at: true } }),
      ]);
      out.push({
        id: s.id, code: s.code, lessonId: s.lessonId, lesson: s.lesson as unknown as Lesson, seed: s.seed, status: s.status, hostSecretHash: s.hostSecretHash, teacherId: s.teacherId,
        events: events.map((e) => e.payload as unknown as SessionEvent),
        participants: participants.map((p) => ({ id: p.id, sessionId: p.sessionId, nickname: p.nickname, nicknameKey: p.nicknameKey, resumeTokenHash: p.resumeTokenHash, joinedAt: p.joinedAt, removed: p.removed })),
        responses: responses.map((r) => ({
          id: r.id, sessionId: r.sessionId, participantId: r.participantId, questionId: r.questionId, attempt: r.attempt,
          params: r.params as Record<string, number>, answer: r.answer, idempotencyKey: r.idempotencyKey, msToAnswer: r.msToAnswer, answeredAt: r.answeredAt,
          result: { status: r.status as GradeResult["status"], correct: r.correct, score: r.score, feedbackKey: r.feedbackKey, feedback: "", expected: "" },
        })),
        experimentRuns: runs.map((r) => ({ participantId: r.participantId, activityId: r.activityId, value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss })),
        unreadable,
      });
    }
    return out;
  }
}
