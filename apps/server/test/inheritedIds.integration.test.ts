/**
 * Issue 12 (8), fixed on main before this suite: ids are looked up among a record's own keys
 * (`own()` in core), `decide` refuses before anything is written, and a failed write leaves the
 * room as it was. What the old code did, for the record:
 * - `question:reveal { questionId: "constructor" }` answered ok and sent every student a
 *   `question:revealed` of null (Object.prototype.constructor looked like a question);
 * - `participant:remove { participantId: "constructor" }` wrote the removal event, then the
 *   participant update failed, and every later command of the session failed (the next
 *   sequence number was already used) until a restart, which then showed a nameless participant.
 * Here each is refused with its typed error, nothing is stored, the session keeps working and
 * a restart rebuilds it exactly.
 */
import { describe, expect, it } from "vitest";
import { backends, connect, expectOk, hostedSession, serverPerSuite, startServer } from "./helpers.ts";

const INHERITED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

describe.each(backends())("inherited property names as ids on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("are unknown ids: refused with typed errors, nothing stored or sent, the session still works", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const student = await connect(ctx.server.url);
    const me = expectOk(await student.call("session:join", { code: session.code, nickname: "Ann" }));
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const events = () => ctx.server.db.prisma.sessionEvent.count({ where: { sessionId: session.sessionId } });
    const before = await events();

    for (const id of INHERITED) {
      // Each passes the id schema (letters and underscores) and reaches core, which refuses it.
      const reveal = await teacher.call("question:reveal", { questionId: id });
      expect(reveal, `reveal ${id}`).toMatchObject({ ok: false, error: { code: "QUESTION_NOT_OPEN" } });
      const remove = await teacher.call("participant:remove", { participantId: id });
      expect(remove, `remove ${id}`).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", message: "no such participant" } });
      for (const [event, payload] of [["question:open", { questionId: id }], ["question:close", { questionId: id }], ["projector:show", { questionId: id }]] as const) {
        const r = await teacher.callRaw(event, payload);
        expect(r, `${event} ${id}`).toMatchObject({ ok: false, error: { code: event === "question:open" ? "QUESTION_NOT_FOUND" : "QUESTION_NOT_OPEN" } });
      }
      expect(await student.call("answer:submit", { questionId: id, answer: "1", idempotencyKey: `key-inherited-${id}` })).toMatchObject({ ok: false, error: { code: "QUESTION_NOT_FOUND" } });
    }
    expect(await events()).toBe(before);
    expect(student.received.filter((m) => m.event === "question:revealed")).toEqual([]);

    // Every later command works: the session was not wedged.
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    expectOk(await teacher.call("question:reveal", { questionId: "l2-decay-factor" }));
    const revealed = await student.waitFor("question:revealed", (r) => r.questionId === "l2-decay-factor");
    expect(revealed).toMatchObject({ questionId: "l2-decay-factor", answered: false });
    expectOk(await teacher.call("participant:remove", { participantId: me.participantId }));

    // A restart rebuilds the session exactly: one participant, named, removed; no nameless one.
    const live = ctx.server.app.rooms.get(session.sessionId)!.state;
    await ctx.server.stop();
    ctx.server = await startServer(ctx.tdb);
    const rebuilt = ctx.server.app.rooms.get(session.sessionId)!.state;
    expect(Object.values(rebuilt.participants).map((p) => [p.nickname, p.removed])).toEqual([["Ann", true]]);
    expect(rebuilt.questions).toEqual(live.questions);
    student.close();
    teacher.close();
  });
});
