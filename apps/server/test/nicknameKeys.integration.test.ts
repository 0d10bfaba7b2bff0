/**
 * Issue 12 (11) changed what a stored nickname key means (case and accents → TR39 confusable
 * skeleton). Rows written before keep their old key; a restarted server recomputes every
 * participant's key in memory, so a new look-alike join is still refused.
 */
import { describe, expect, it } from "vitest";
import { backends, connect, expectOk, hostedSession, serverPerSuite, startServer } from "./helpers.ts";

const CYRILLIC_ALICE = "\u0410lice";

describe.each(backends())("nickname keys stored before the look-alike rule, on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("a restart recomputes them: a look-alike of an old participant cannot join", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const first = await connect(ctx.server.url);
    const joined = expectOk(await first.call("session:join", { code: session.code, nickname: CYRILLIC_ALICE }));
    // The row as the old code wrote it: lower-cased, accents dropped, nothing more ("аlice", Cyrillic а).
    const oldKey = CYRILLIC_ALICE.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    expect(oldKey).not.toBe("alice");
    await ctx.server.db.prisma.participant.update({ where: { id: joined.participantId }, data: { nicknameKey: oldKey } });
    first.close();
    teacher.close();

    await ctx.server.stop();
    ctx.server = await startServer(ctx.tdb);
    const late = await connect(ctx.server.url);
    expect(await late.call("session:join", { code: session.code, nickname: "Alice" })).toMatchObject({ ok: false, error: { code: "NICKNAME_TAKEN" } });
    expect(expectOk(await late.call("session:join", { code: session.code, nickname: "Alicia" })).snapshot.participant.nickname).toBe("Alicia");
    late.close();
    const rows = await ctx.server.db.prisma.participant.findMany({ where: { sessionId: session.sessionId }, orderBy: { joinedAt: "asc" } });
    expect(rows.map((r) => [r.nickname, r.nicknameKey])).toEqual([[CYRILLIC_ALICE, oldKey], ["Alicia", "alicia"]]);
  });
});
