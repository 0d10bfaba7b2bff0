/**
 * Issue 12 (4): one student sending 120 wrong join codes used to lock the whole address out of
 * every join *and resume* for a minute — a whole class behind one NAT. Now wrong codes are
 * limited per connection and, past 120 from one address, that address's joins are paced
 * (10 a second), never refused; resumes are never limited (their tokens cannot be guessed).
 * Before the fix, every join and resume below after the guessing answered RATE_LIMITED.
 */
import { describe, expect, it } from "vitest";
import { JOIN_LIMITS } from "../src/socket/joinGuard.ts";
import { backends, connect, expectOk, hostedSession, serverPerSuite, type Client } from "./helpers.ts";

const wrongCode = (i: number) => `ZZ${String(i).padStart(4, "0")}`;

describe.each(backends())("join-code guessing on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("130 wrong codes from one address, then 30 students from that address join and resume", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    // Wrong codes pipelined on one connection: still only 10 are looked up.
    const pipelined = await connect(ctx.server.url);
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => pipelined.call("session:join", { code: wrongCode(5000 + i), nickname: "Guesser" })));
    const burstCodes = burst.map((r) => (r.ok ? "ok" : r.error.code));
    expect(burstCodes.filter((c) => c === "SESSION_NOT_FOUND")).toHaveLength(JOIN_LIMITS.perConnection);
    expect(burstCodes.filter((c) => c === "RATE_LIMITED")).toHaveLength(20 - JOIN_LIMITS.perConnection);

    // 12 more connections × 10 wrong codes: 130 from 127.0.0.1; the 11th on a connection is refused.
    const guessers: Client[] = [pipelined];
    let sent = JOIN_LIMITS.perConnection;
    for (let c = 0; c < 12; c++) {
      const g = await connect(ctx.server.url);
      guessers.push(g);
      for (let i = 0; i < JOIN_LIMITS.perConnection; i++) {
        const r = await g.call("session:join", { code: wrongCode(sent++), nickname: "Guesser" });
        expect(r).toMatchObject({ ok: false, error: { code: "SESSION_NOT_FOUND" } });
      }
      // That connection is done guessing — even the right code is refused on it.
      expect(await g.call("session:join", { code: session.code, nickname: `Guesser ${c}` })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    }
    expect(sent).toBeGreaterThan(JOIN_LIMITS.perAddress);

    // 30 students on that same address, all at once, with the right code: every one joins.
    // Their joins are paced (the address is over its budget), so they take about 3 s together.
    const students = await Promise.all(Array.from({ length: 30 }, () => connect(ctx.server.url)));
    const t0 = Date.now();
    const joined = await Promise.all(students.map((s, i) => s.call("session:join", { code: session.code, nickname: `Student ${i}` }, 30_000)));
    const joinMs = Date.now() - t0;
    for (const r of joined) expect(r.ok, JSON.stringify(r)).toBe(true);
    // Paced at 10 a second: 30 joins cannot all be through in much under 3 s (a lower bound
    // from the setting, not a speed measurement).
    expect(joinMs).toBeGreaterThanOrEqual(((30 - 1) * 1000) / JOIN_LIMITS.pacedPerSecond - 50);

    // Their phones reconnect (Wi-Fi drop): every resume token works at once, unpaced.
    for (const s of students) s.close();
    const tokens = joined.map((r) => expectOk(r));
    const back = await Promise.all(tokens.map(async (t) => {
      const c = await connect(ctx.server.url);
      const r = await c.call("session:resume", { resumeToken: t.resumeToken });
      c.close();
      return r;
    }));
    back.forEach((r, i) => expect(expectOk(r).participantId).toBe(tokens[i].participantId));

    // Guessing from that address is held to the pace, however many connections it opens:
    // 20 wrong codes on 20 fresh connections take at least 2 s.
    const more = await Promise.all(Array.from({ length: 20 }, () => connect(ctx.server.url)));
    const t1 = Date.now();
    const misses = await Promise.all(more.map((g, i) => g.call("session:join", { code: wrongCode(1000 + i), nickname: "Guesser" }, 30_000)));
    const missMs = Date.now() - t1;
    for (const r of misses) expect(r).toMatchObject({ ok: false, error: { code: "SESSION_NOT_FOUND" } });
    expect(missMs).toBeGreaterThanOrEqual(((20 - 1) * 1000) / JOIN_LIMITS.pacedPerSecond - 50);

    // One connection cannot fill the queue: one paced join at a time.
    const q = await connect(ctx.server.url);
    const queued = await Promise.all([0, 1, 2].map((i) => q.call("session:join", { code: wrongCode(2000 + i), nickname: "Queue" }, 30_000)));
    expect(queued.map((r) => (r.ok ? "ok" : r.error.code)).sort()).toEqual(["RATE_LIMITED", "RATE_LIMITED", "SESSION_NOT_FOUND"]);

    for (const c of [...guessers, ...more, q]) c.close();
    teacher.close();
  });
});
