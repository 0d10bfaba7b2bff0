/**
 * The RoomStore contract: one suite, run against the memory store the room's unit tests use
 * and against the real one on PGlite and PostgreSQL. If the memory store drifts from the
 * database (a constraint it forgets, an order it gets wrong), this fails.
 */
import { builtInLesson } from "@livelab/core/lesson";
import type { GradeResult } from "@livelab/core/questions";
import type { SessionEvent } from "@livelab/core/session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { MemoryRoomStore } from "../src/db/memoryRoomStore.ts";
import { migrate } from "../src/db/migrate.ts";
import { PrismaRoomStore } from "../src/db/prismaRoomStore.ts";
import { isLeaseLost, isUniqueViolation, type LeaseStore, type NewSession, type ParticipantRow, type ResponseRow, type RoomStore } from "../src/db/roomStore.ts";
import { backends, testDatabase, type TestDatabase } from "./helpers.ts";

const lesson = builtInLesson();

type Kind = "memory" | "pglite" | "postgres";
const kinds: Kind[] = ["memory", ...backends()];

let counter = 0;
const uid = (p: string) => `${p}-${process.pid}-${counter++}`;

function newSession(over: Partial<NewSession> = {}): NewSession {
  return { id: uid("s"), code: `C${String(counter++).padStart(5, "0")}`.slice(0, 8), lessonId: lesson.id, lesson, hostSecretHash: "h".repeat(43), seed: 7, teacherId: null, ...over };
}

const created = (s: NewSession): SessionEvent[] => [
  { type: "session.created", sessionId: s.id, code: s.code, lessonId: s.lessonId, seed: s.seed, at: 1000 },
  { type: "activity.changed", index: 0, timeline: null, at: 1000 },
];

function participant(sessionId: string, nickname: string, joinedAt: number): ParticipantRow {
  return { id: uid("p"), sessionId, nickname, nicknameKey: nickname.toLowerCase(), resumeTokenHash: uid("tok"), joinedAt: new Date(joinedAt) };
}

const graded: GradeResult = { status: "incorrect", correct: false, score: 0, feedback: "Not quite: the derivative of w² is 2w.", feedbackKey: "dropped-factor-2", expected: "0.998" };

function response(p: ParticipantRow, questionId: string, attempt: number, at: number, key = uid("k")): ResponseRow {
  return { id: uid("r"), sessionId: p.sessionId, participantId: p.id, questionId, attempt, params: { eta: 0.1, lambda: 0.01 }, answer: "0.999", result: graded, idempotencyKey: key, msToAnswer: 1500, answeredAt: new Date(at) };
}

describe.each(kinds)("RoomStore contract on %s", (kind) => {
  let store: RoomStore & LeaseStore;
  let tdb: TestDatabase | null = null;
  let db: Database | null = null;

  beforeAll(async () => {
    if (kind === "memory") {
      store = new MemoryRoomStore();
      return;
    }
    tdb = await testDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    store = new PrismaRoomStore(db);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it("creates a session with its first events; a taken code or id is a unique violation", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    expect(await store.codeStatus(s.code)).toEqual({ status: "lobby" });
    expect(await store.codeStatus("NOPE99")).toBeNull();
    const sameCode = newSession({ code: s.code });
    const e = await store.createSession(sameCode, created(sameCode)).catch((x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded).toMatchObject({ code: s.code, lessonId: lesson.id, seed: 7, status: "lobby", hostSecretHash: s.hostSecretHash, teacherId: null });
    expect(loaded.events).toEqual(created(s));
    expect(loaded.lesson.activities.length).toBe(lesson.activities.length);
  });

  it("appends events in seq order; a seq already used refuses the whole append", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const more: SessionEvent[] = [{ type: "session.started", at: 2000 }, { type: "joins.locked", at: 2001 }];
    await store.appendEvents(s.id, 3, more, { status: "live" });
    const clash: SessionEvent[] = [{ type: "joins.unlocked", at: 2002 }, { type: "session.paused", at: 2003 }];
    const e = await store.appendEvents(s.id, 4, clash).catch((x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.events.map((x) => x.type)).toEqual(["session.created", "activity.changed", "session.started", "joins.locked"]);
    expect(loaded.status).toBe("live");
    expect(await store.codeStatus(s.code)).toEqual({ status: "live" });
  });

  it("joins in a batch: all or nothing, nicknames unique per session, not across sessions", async () => {
    const a = newSession();
    const b = newSession();
    await store.createSession(a, created(a));
    await store.createSession(b, created(b));
    const ann = participant(a.id, "Ann", 3000);
    const bo = participant(a.id, "Bo", 3001);
    await store.insertParticipants([ann, bo]);
    await store.insertParticipants([participant(b.id, "Ann", 3002)]); // same name, other class: fine
    const cy = participant(a.id, "Cy", 3003);
    const e = await store.insertParticipants([cy, participant(a.id, "ANN", 3004)].map((p) => ({ ...p, nicknameKey: p.nickname.toLowerCase() }))).catch((x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === a.id)!;
    expect(loaded.participants.map((p) => p.nickname)).toEqual(["Ann", "Bo"]); // Cy's batch was refused as a whole
    expect(loaded.participants[0]).toEqual({ ...ann, removed: false });
  });

  it("a removal event marks the participant in the same transaction", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const p = participant(s.id, "Dee", 4000);
    await store.insertParticipants([p]);
    await store.appendEvents(s.id, 3, [{ type: "participant.removed", participantId: p.id, at: 4001 }]);
    let loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.participants[0].removed).toBe(true);
    // Removing someone who is not there writes nothing, not even the event.
    const e = await store.appendEvents(s.id, 4, [{ type: "session.paused", at: 4002 }, { type: "participant.removed", participantId: "nobody", at: 4002 }]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.events.map((x) => x.type)).not.toContain("session.paused");
  });

  it("answers: one per attempt and per idempotency key; loaded in answer order without feedback text", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const p = participant(s.id, "Eve", 5000);
    const q = participant(s.id, "Fay", 5000);
    await store.insertParticipants([p, q]);
    const first = response(p, "l2-decay-factor", 1, 6000);
    const later = response(q, "l2-decay-factor", 1, 7000);
    await store.insertResponses([later, first]);
    const sameAttempt = await store.insertResponses([response(p, "l2-decay-factor", 1, 8000)]).catch((x: unknown) => x);
    expect(isUniqueViolation(sameAttempt)).toBe(true);
    const sameKey = await store.insertResponses([response(p, "l2-decay-k-steps", 1, 8000, first.idempotencyKey)]).catch((x: unknown) => x);
    expect(isUniqueViolation(sameKey)).toBe(true);
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.responses.map((r) => r.id)).toEqual([first.id, later.id]);
    expect(loaded.responses[0]).toEqual({ ...first, result: { status: "incorrect", correct: false, score: 0, feedbackKey: "dropped-factor-2", feedback: "", expected: "" } });
  });

  it("unreadable answers: kept as sent (in time order) for a known participant only", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const p = participant(s.id, "Ike", 5000);
    await store.insertParticipants([p]);
    const row = (questionId: string, at: number, participantId = p.id) => ({ id: uid("u"), sessionId: s.id, participantId, questionId, answer: "0.99.8", reason: "that is not a number", at: new Date(at) });
    await store.insertUnreadable([row("l2-gradient", 7000), row("l2-decay-factor", 6000)]);
    await store.insertUnreadable([]);
    const stranger = await store.insertUnreadable([row("l2-decay-factor", 8000), row("l2-decay-factor", 8001, "nobody")]).catch((x: unknown) => x);
    expect(stranger).toBeInstanceOf(Error); // a foreign key refusal, and the whole batch with it
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.unreadable.map((u) => ({ participantId: u.participantId, questionId: u.questionId }))).toEqual([{ participantId: p.id, questionId: "l2-decay-factor" }, { participantId: p.id, questionId: "l2-gradient" }]);
  });

  it("experiment runs: a new run replaces the student's previous one", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const p = participant(s.id, "Gil", 9000);
    await store.insertParticipants([p]);
    await store.saveExperimentRun({ id: uid("x"), sessionId: s.id, participantId: p.id, activityId: "lambda-experiment", params: { l2: 0.1 }, value: 0.1, trainLoss: 0.5, valLoss: 0.6 });
    await store.saveExperimentRun({ id: uid("x"), sessionId: s.id, participantId: p.id, activityId: "lambda-experiment", params: { l2: 0.01 }, value: 0.01, trainLoss: 0.2, valLoss: 0.3 });
    const loaded = (await store.loadLiveSessions()).find((x) => x.id === s.id)!;
    expect(loaded.experimentRuns).toEqual([{ participantId: p.id, activityId: "lambda-experiment", value: 0.01, trainLoss: 0.2, valLoss: 0.3 }]);
  });

  it("ended sessions are not loaded for rebuilding, but their codes stay known", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    await store.appendEvents(s.id, 3, [{ type: "session.ended", at: 9999 }], { status: "ended", endedAt: new Date(9999) });
    expect((await store.loadLiveSessions()).some((x) => x.id === s.id)).toBe(false);
    expect(await store.codeStatus(s.code)).toEqual({ status: "ended" });
  });

  // ---------------------------------------------------------------- leases and fencing (scaled mode)

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("leases: one holder at a time; an expired lease is taken with a higher token; ended sessions are never taken", async () => {
    const s = newSession();
    await store.createSession(s, created(s), { node: "node-a", ttlMs: 300 });
    expect(await store.orphanedSessions()).not.toContain(s.id);
    expect(await store.acquireLease(s.id, "node-b", 300)).toBeNull(); // node-a holds it
    expect(await store.renewLeases("node-a", [{ sessionId: s.id, token: 1 }], 300)).toEqual([s.id]);
    expect(await store.renewLeases("node-b", [{ sessionId: s.id, token: 1 }], 300)).toEqual([]); // not its lease
    await sleep(450);
    expect(await store.orphanedSessions()).toContain(s.id);
    expect(await store.acquireLease(s.id, "node-b", 10_000)).toBe(2);
    expect(await store.acquireLease(s.id, "node-c", 10_000)).toBeNull();
    // node-a comes back from a stall: its token is stale, it cannot renew.
    expect(await store.renewLeases("node-a", [{ sessionId: s.id, token: 1 }], 10_000)).toEqual([]);
    // A release hands it over at once, with the next token.
    await store.releaseLease(s.id, 2);
    expect(await store.orphanedSessions()).toContain(s.id);
    expect(await store.acquireLease(s.id, "node-c", 10_000)).toBe(3);
    // A session created without an owner (single node) has token 0 and can be taken.
    const single = newSession();
    await store.createSession(single, created(single));
    expect(await store.acquireLease(single.id, "node-a", 10_000)).toBe(1);
    await store.appendEvents(single.id, 3, [{ type: "session.ended", at: 9999 }], { status: "ended", endedAt: new Date(9999) });
    await store.releaseLease(single.id, 1);
    expect(await store.orphanedSessions()).not.toContain(single.id);
    expect(await store.acquireLease(single.id, "node-b", 10_000)).toBeNull();
  });

  it("fencing: after another node takes the session, every write of the old holder is refused and writes nothing", async () => {
    const s = newSession();
    await store.createSession(s, created(s), { node: "node-a", ttlMs: 200 });
    const oldHolder = store.fenced(s.id, 1);
    const p = participant(s.id, "Hal", 10_000);
    await oldHolder.insertParticipants([p]);
    await oldHolder.insertResponses([response(p, "l2-decay-factor", 1, 10_001)]);
    await oldHolder.appendEvents(s.id, 3, [{ type: "session.started", at: 10_002 }], { status: "live" });
    await sleep(300);
    const token = await store.acquireLease(s.id, "node-b", 10_000);
    expect(token).toBe(2);
    const refusals = await Promise.all([
      oldHolder.insertParticipants([participant(s.id, "Ivy", 10_003)]),
      oldHolder.insertResponses([response(p, "l2-decay-factor", 2, 10_004)]),
      oldHolder.appendEvents(s.id, 4, [{ type: "session.paused", at: 10_005 }]),
      oldHolder.saveExperimentRun({ id: uid("x"), sessionId: s.id, participantId: p.id, activityId: "lambda-experiment", params: { l2: 0.1 }, value: 0.1, trainLoss: 0.5, valLoss: 0.6 }),
      oldHolder.insertUnreadable([{ id: uid("u"), sessionId: s.id, participantId: p.id, questionId: "l2-gradient", answer: "w??", reason: "unreadable", at: new Date(10_005) }]),
    ].map((w) => w.then(() => null, (e: unknown) => e)));
    for (const e of refusals) expect(isLeaseLost(e), String(e)).toBe(true);
    let loaded = (await store.loadLiveSession(s.id))!;
    expect(loaded.participants.map((x) => x.nickname)).toEqual(["Hal"]);
    expect(loaded.responses.map((r) => r.attempt)).toEqual([1]);
    expect(loaded.events.map((x) => x.type)).toEqual(["session.created", "activity.changed", "session.started"]);
    expect(loaded.experimentRuns).toEqual([]);
    expect(loaded.unreadable).toEqual([]);
    // The new holder writes with its token; seq continues where the log is.
    const newHolder = store.fenced(s.id, token!);
    await newHolder.appendEvents(s.id, 4, [{ type: "session.paused", at: 10_006 }]);
    await newHolder.insertResponses([response(p, "l2-decay-factor", 2, 10_007)]);
    loaded = (await store.loadLiveSession(s.id))!;
    expect(loaded.events).toHaveLength(4);
    expect(loaded.responses.map((r) => r.attempt)).toEqual([1, 2]);
    // A fenced write that breaks a constraint is still a unique violation, not a lost lease.
    const dup = await newHolder.insertResponses([response(p, "l2-decay-factor", 2, 10_008)]).catch((e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
  });

  it("fencing under a race: writes in flight while another node takes over either committed (and are loaded) or were refused (and are not)", async () => {
    const s = newSession();
    await store.createSession(s, created(s), { node: "node-a", ttlMs: 100 });
    const oldHolder = store.fenced(s.id, 1);
    const p = participant(s.id, "Kit", 13_000);
    await oldHolder.insertParticipants([p]);
    await sleep(150);
    // 40 answers from the old holder, one batch each, with the takeover in the middle of them.
    const writes = Array.from({ length: 40 }, (_, i) => response(p, "l2-decay-factor", i + 1, 13_001 + i));
    const outcomes = writes.map((w) => oldHolder.insertResponses([w]).then(() => "stored" as const, (e: unknown) => (isLeaseLost(e) ? "refused" as const : e)));
    const token = await store.acquireLease(s.id, "node-b", 10_000);
    const results = await Promise.all(outcomes);
    expect(token).toBe(2);
    expect(results.every((r) => r === "stored" || r === "refused"), String(results.find((r) => r !== "stored" && r !== "refused"))).toBe(true);
    const loaded = (await store.loadLiveSession(s.id))!;
    const stored = writes.filter((_, i) => results[i] === "stored").map((w) => w.id).sort();
    expect(loaded.responses.map((r) => r.id).sort()).toEqual(stored);
    // After the takeover nothing more gets in.
    expect(isLeaseLost(await oldHolder.insertResponses([response(p, "l2-decay-factor", 99, 14_000)]).catch((e: unknown) => e))).toBe(true);
  });

  it("finds a session by join code or by a resume token's hash; loads one session alone", async () => {
    const s = newSession();
    await store.createSession(s, created(s));
    const p = participant(s.id, "Jo", 11_000);
    await store.insertParticipants([p]);
    expect(await store.findSession({ code: s.code })).toEqual({ id: s.id, status: "lobby" });
    expect(await store.findSession({ id: s.id })).toEqual({ id: s.id, status: "lobby" });
    expect(await store.findSession({ id: "no-such-session" })).toBeNull();
    expect(await store.findSession({ resumeTokenHash: p.resumeTokenHash })).toEqual({ id: s.id, status: "lobby" });
    expect(await store.findSession({ resumeTokenHash: "no-such-hash" })).toBeNull();
    expect((await store.loadLiveSession(s.id))?.participants.map((x) => x.id)).toEqual([p.id]);
    await store.appendEvents(s.id, 3, [{ type: "session.ended", at: 12_000 }], { status: "ended", endedAt: new Date(12_000) });
    expect(await store.loadLiveSession(s.id)).toBeNull();
  });

  it("counts a teacher's sessions that have not ended, and no one else's", async () => {
    // A real account on the databases (ClassSession.teacherId references User).
    const teacherId = uid("u");
    const otherId = uid("u");
    for (const id of [teacherId, otherId]) await db?.prisma.user.create({ data: { id, name: "T", email: `${id}@school.test` } });
    expect(await store.countLiveSessions(teacherId)).toBe(0);
    const [a, b, c] = [newSession({ teacherId }), newSession({ teacherId }), newSession({ teacherId: otherId })];
    for (const s of [a, b, c]) await store.createSession(s, created(s));
    await store.appendEvents(b.id, 3, [{ type: "session.started", at: 2000 }], { status: "live" });
    expect(await store.countLiveSessions(teacherId)).toBe(2);
    await store.appendEvents(a.id, 3, [{ type: "session.ended", at: 9999 }], { status: "ended", endedAt: new Date(9999) });
    expect(await store.countLiveSessions(teacherId)).toBe(1);
    expect(await store.countLiveSessions(otherId)).toBe(1);
  });
});
