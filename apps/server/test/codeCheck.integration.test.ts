/**
 * `session:check`: a phone asks whether a typed code names a class it can join *before* the
 * student types a nickname (a wrong code used to be caught only at the join). The answer is
 * the same the join would give — a live class, not found, ended, locked — it creates nobody,
 * and a wrong code is a guess counted by the same limits as a join's.
 */
import { describe, expect, it } from "vitest";
import { JOIN_LIMITS } from "../src/socket/joinGuard.ts";
import { backends, connect, expectOk, hostedSession, serverPerSuite } from "./helpers.ts";

describe.each(backends())("checking a join code on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("answers live, not found, locked and ended as the join would, and joins nobody", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const phone = await connect(ctx.server.url);
    // Typed in lower case with spaces, as people type: the server's spelling comes back.
    expect(expectOk(await phone.call("session:check", { code: ` ${session.code.toLowerCase()} ` }))).toEqual({ code: session.code });
    expect(await phone.call("session:check", { code: "QQ0000" })).toMatchObject({ ok: false, error: { code: "SESSION_NOT_FOUND" } });
    expect(await phone.call("session:check", { code: "ab" })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    expectOk(await teacher.call("session:lock", { locked: true }));
    expect(await phone.call("session:check", { code: session.code })).toMatchObject({ ok: false, error: { code: "JOINS_LOCKED" } });
    expectOk(await teacher.call("session:lock", { locked: false }));

    // Checking joined nobody: the class is still empty, and this connection may still join.
    const progress = teacher.next("class:progress");
    expectOk(await phone.call("session:join", { code: session.code, nickname: "Chloe" }));
    expect((await progress).joined).toBe(1);
    // A connection that has joined has nothing to check.
    expect(await phone.call("session:check", { code: session.code })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    expectOk(await teacher.call("session:end", {}));
    const late = await connect(ctx.server.url);
    expect(await late.call("session:check", { code: session.code })).toMatchObject({ ok: false, error: { code: "SESSION_ENDED" } });
    phone.close();
    late.close();
    teacher.close();
  });

  it("counts a wrong code as a guess: the connection's limit applies, the right code is refused after it", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const g = await connect(ctx.server.url);
    for (let i = 0; i < JOIN_LIMITS.perConnection; i++) {
      expect(await g.call("session:check", { code: `QQ${String(i).padStart(4, "0")}` })).toMatchObject({ ok: false, error: { code: "SESSION_NOT_FOUND" } });
    }
    expect(await g.call("session:check", { code: session.code })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(await g.call("session:join", { code: session.code, nickname: "Guesser" })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    g.close();
    teacher.close();
  });
});
