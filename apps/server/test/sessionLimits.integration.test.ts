/**
 * Issue 12 (6): one account started 300 sessions at ~60 a second, none ever expired, and every
 * live room is rebuilt at each restart. Now a teacher may have 20 classes running (a setting),
 * and a class with no teacher command and no student activity for 12 hours (a setting) is ended
 * through the room's normal path: a stored `session.ended` event, summaries to the students.
 * Before the fix all 25 creations below answered 201 and nothing was ever ended.
 */
import { describe, expect, it } from "vitest";
import { SESSION_LIMITS } from "../src/live/rooms.ts";
import { backends, connect, expectOk, hostedSession, serverPerSuite, signUpTeacher, startServer } from "./helpers.ts";

const HOUR = 3_600_000;

describe.each(backends())("live sessions per teacher on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it(`a teacher can have ${SESSION_LIMITS.liveSessionsPerTeacher} classes running; the next is refused until one ends`, async () => {
    const limit = SESSION_LIMITS.liveSessionsPerTeacher;
    const t = await signUpTeacher(ctx.server.url);
    const create = () => t.fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    // Concurrent requests cannot slip past the cap.
    const responses = await Promise.all(Array.from({ length: limit + 5 }, create));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const refused = responses.find((r) => r.status === 409)!;
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: "SESSION_LIMIT" } });
    const rows = await ctx.server.db.prisma.classSession.count({ where: { teacher: { email: t.email } } });
    expect(rows).toBe(limit);

    // Another teacher is not affected.
    expect((await (await signUpTeacher(ctx.server.url)).fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(201);

    // Ending one (here: deleting it; session:end does the same) frees a place.
    const first = (await responses[0].json()) as { data: { sessionId: string } };
    expect((await t.fetch(`/api/sessions/${first.data.sessionId}`, { method: "DELETE" })).status).toBe(200);
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(409);
  });
});

describe.each(backends())("idle classes are ended on %s", (backend) => {
  const clock = { now: Date.now() };
  const ctx = serverPerSuite(backend, { now: () => clock.now });

  it("no teacher command and no student activity for 12 hours ends the class through the normal path", async () => {
    const idleMs = SESSION_LIMITS.idleMs;
    expect(idleMs).toBe(12 * HOUR);
    const forgotten = await hostedSession(ctx.server.url);
    const busy = await hostedSession(ctx.server.url);
    const student = await connect(ctx.server.url);
    expectOk(await student.call("session:join", { code: forgotten.session.code, nickname: "Still here" }));

    clock.now += 11 * HOUR;
    expect(await ctx.server.app.rooms.endIdle()).toEqual([]);
    expectOk(await busy.teacher.call("activity:goto", { index: 1 })); // the busy class does something
    const ended = student.next("session:ended");

    clock.now += idleMs - 11 * HOUR + 1; // 12 h after the forgotten class's last join
    expect(await ctx.server.app.rooms.endIdle()).toEqual([forgotten.session.sessionId]);
    // Ended as a teacher's session:end is: the event is stored, the student gets their summary,
    // the code stops admitting anyone.
    expect(await ended).toMatchObject({ asked: 0, answered: 0 });
    const log = await ctx.server.db.prisma.sessionEvent.findMany({ where: { sessionId: forgotten.session.sessionId }, orderBy: { seq: "desc" }, take: 1 });
    expect(log[0].type).toBe("session.ended");
    expect((await ctx.server.db.prisma.classSession.findUnique({ where: { id: forgotten.session.sessionId } }))?.status).toBe("ended");
    const late = await connect(ctx.server.url);
    expect(await late.call("session:join", { code: forgotten.session.code, nickname: "Late" })).toMatchObject({ ok: false, error: { code: "SESSION_ENDED" } });

    // After a restart, idle time still counts from the last thing stored, not from the restart.
    await ctx.server.stop();
    ctx.server = await startServer(ctx.tdb, { now: () => clock.now });
    expect(await ctx.server.app.rooms.endIdle()).toEqual([]);
    clock.now += 11 * HOUR; // 12 h + 1 ms after the busy class's activity:goto
    expect(await ctx.server.app.rooms.endIdle()).toEqual([busy.session.sessionId]);
    for (const c of [student, late, forgotten.teacher, busy.teacher]) c.close();
  });
});
