import { describe, expect, it } from "vitest";
import { backends, connect, expectOk, hostedSession, newKey, promptNumber, serverPerSuite, startServer, type Client } from "./helpers.ts";

describe.each(backends())("reconnects and restarts on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("a student drops mid-question and rejoins with the resume token: same participant, answer kept, no second answer", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const phone = await connect(ctx.server.url);
    const joined = expectOk(await phone.call("session:join", { code: session.code, nickname: "Wifi Wanda" }));
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const opened = phone.next("question:opened");
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    const { view } = await opened;
    const key = newKey();
    const answer = String(1 - 2 * promptNumber(view.prompt, "eta") * promptNumber(view.prompt, "lambda"));
    expectOk(await phone.call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: key }));
    phone.close();

    const again = await connect(ctx.server.url);
    const resumed = expectOk(await again.call("session:resume", { resumeToken: joined.resumeToken }));
    expect(resumed.participantId).toBe(joined.participantId);
    expect(resumed.snapshot.activity.index).toBe(3);
    const q = resumed.snapshot.questions.find((x) => x.questionId === "l2-decay-factor")!;
    expect(q.status).toBe("open");
    expect(q.attemptsUsed).toBe(1);
    expect(q.lastAnswer).toBe(answer);
    expect(q.view.prompt).toBe(view.prompt); // same numbers after reconnecting
    // The unacknowledged-looking resend (same key) gets the stored result; a new answer is refused.
    expect(expectOk(await again.call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: key }))).toMatchObject({ duplicate: true, attempt: 1 });
    expect(await again.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.5", idempotencyKey: newKey() })).toMatchObject({ ok: false, error: { code: "ALREADY_ANSWERED" } });
    expect(await ctx.server.db.prisma.response.count({ where: { participantId: joined.participantId } })).toBe(1);
    // Someone else's token, or a made-up one, is refused.
    const intruder = await connect(ctx.server.url);
    expect(await intruder.call("session:resume", { resumeToken: "x".repeat(43) })).toMatchObject({ ok: false, error: { code: "RESUME_TOKEN_INVALID" } });
    intruder.close();
    again.close();
    teacher.close();
  });

  it("the same answer sent twice at once is stored once", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const s = await connect(ctx.server.url);
    const joined = expectOk(await s.call("session:join", { code: session.code, nickname: "Double Tap" }));
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    const key = newKey();
    const [a, b, c] = await Promise.all([
      s.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.9", idempotencyKey: key }),
      s.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.9", idempotencyKey: key }),
      s.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.8", idempotencyKey: newKey() }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(c).toMatchObject({ ok: false, error: { code: "ALREADY_ANSWERED" } });
    expect(await ctx.server.db.prisma.response.count({ where: { participantId: joined.participantId } })).toBe(1);
    s.close();
    teacher.close();
  });

  it("the server restarts mid-question on the same database: the session is where it was and every acknowledged answer is there", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const students: { c: Client; token: string; pid: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await connect(ctx.server.url);
      const j = expectOk(await c.call("session:join", { code: session.code, nickname: `Restart ${i}` }));
      students.push({ c, token: j.resumeToken, pid: j.participantId });
    }
    expectOk(await teacher.call("activity:goto", { index: 13 })); // dropout questions
    expectOk(await teacher.call("question:open", { questionId: "dropout-kept-value", durationSec: 600 }));
    const acked: string[] = [];
    for (const s of students.slice(0, 5)) {
      expectOk(await s.c.call("answer:submit", { questionId: "dropout-kept-value", answer: "5", idempotencyKey: newKey() }));
      acked.push(s.pid);
    }
    for (const s of students) s.c.close();
    teacher.close();

    await ctx.server.stop();
    ctx.server = await startServer(ctx.tdb); // new process state, same database

    const t2 = await connect(ctx.server.url);
    const attached = expectOk(await t2.call("host:attach", { sessionId: session.sessionId, hostSecret: session.hostSecret }));
    expect(attached.state.activity.index).toBe(13);
    expect(attached.state.questionRuntime["dropout-kept-value"].status).toBe("open");
    expect(attached.state.questionRuntime["dropout-kept-value"].deadline).toBeGreaterThan(Date.now());
    for (const [i, s] of students.entries()) {
      const c = await connect(ctx.server.url);
      const r = expectOk(await c.call("session:resume", { resumeToken: s.token }));
      expect(r.participantId).toBe(s.pid);
      const q = r.snapshot.questions.find((x) => x.questionId === "dropout-kept-value")!;
      expect(q.attemptsUsed).toBe(i < 5 ? 1 : 0);
      // Those who had not answered still can; those who had cannot answer twice.
      const res = await c.call("answer:submit", { questionId: "dropout-kept-value", answer: "5", idempotencyKey: newKey() });
      expect(res.ok).toBe(i >= 5);
      c.close();
    }
    const stored = await ctx.server.db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    expect(stored).toHaveLength(8);
    for (const pid of acked) expect(stored.some((r) => r.participantId === pid)).toBe(true);
    // Reveal after the restart still gives full feedback (re-graded from the stored answers).
    const c0 = await connect(ctx.server.url);
    expectOk(await c0.call("session:resume", { resumeToken: students[0].token }));
    const revealed = c0.next("question:revealed");
    expectOk(await t2.call("question:reveal", { questionId: "dropout-kept-value" }));
    const r0 = await revealed;
    expect(typeof r0.correct).toBe("boolean");
    expect(r0.headline).toBe(r0.correct ? "Correct!" : "Not quite.");
    expect(r0.expected).toMatch(/^[0-9.]+$/); // the right number, recomputed from the stored answer's parameters
    c0.close();
    t2.close();
  });

  it("a question timer closes on the server at the deadline, even with nobody connected", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const room = ctx.server.app.rooms.get(session.sessionId)!;
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor", durationSec: 5 }));
    teacher.close();
    await new Promise((r) => setTimeout(r, 5600));
    expect(room.state.questions["l2-decay-factor"].status).toBe("closed");
    const events = await ctx.server.db.prisma.sessionEvent.findMany({ where: { sessionId: session.sessionId, type: "question.closed" } });
    expect(events.map((e) => (e.payload as { reason: string }).reason)).toContain("deadline");
  });
});
