/**
 * PostgreSQL goes down in the middle of an answer burst and comes back. Answers that could not be stored are
 * refused with STORAGE_UNAVAILABLE (never acknowledged and lost); clients resend with the same
 * idempotency key; when the database is back every student has exactly one stored answer.
 * Needs the throwaway server of scripts/pg-start.sh (CI starts it); skipped without it locally.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { connect, expectOk, hostedSession, newKey, promptNumber, serverPerSuite, sleep, type Client } from "./helpers.ts";

const url = process.env.TEST_DATABASE_URL;
const port = url ? new URL(url).port : "";
// The same folder scripts/pg-start.sh and pg-restart.sh use: PGDATA_DIR, or one per port.
const dataDir = process.env.PGDATA_DIR ?? `/tmp/livelab-pg-${port}`;
const usable = !!url && existsSync(`${dataDir}/PG_VERSION`);
if (!usable && process.env.CI === "true") throw new Error("CI must run the PostgreSQL of scripts/pg-start.sh for the restart test");
const restartScript = fileURLToPath(new URL("../../../scripts/pg-restart.sh", import.meta.url));

describe.skipIf(!usable)("PostgreSQL restarts during an answer burst", () => {
  const ctx = serverPerSuite("postgres");

  it("answers are stored or refused with STORAGE_UNAVAILABLE, never acknowledged and lost; service resumes", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    const students: { c: Client; pid: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await connect(ctx.server.url);
      const j = expectOk(await c.call("session:join", { code: session.code, nickname: `P${i}` }));
      students.push({ c, pid: j.participantId });
    }
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const opened = students.map((s) => s.c.next("question:opened"));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    const prompts = (await Promise.all(opened)).map((o) => o.view.prompt);

    const pg = (action: "stop" | "start") =>
      // Asynchronously: the server under test lives in this process and must keep running.
      new Promise<number>((resolve) => spawn("bash", [restartScript, action], { env: { ...process.env, PGPORT: port }, stdio: "inherit" }).on("exit", (c) => resolve(c ?? 1)));
    const keys = students.map(() => newKey());
    const answers = prompts.map((p) => String(1 - 2 * promptNumber(p, "eta") * promptNumber(p, "lambda")));
    const submit = (i: number) => students[i].c.call("answer:submit", { questionId: "l2-decay-factor", answer: answers[i], idempotencyKey: keys[i] }, 20_000);

    // The first half answers while the database is up.
    const first = await Promise.all(students.slice(0, 15).map((_, i) => submit(i)));
    expect(first.every((r) => r.ok)).toBe(true);
    // The database goes down; the second half's answers are refused, clearly, not acknowledged.
    expect(await pg("stop")).toBe(0);
    let restarted: boolean;
    try {
      const during = await Promise.all(students.slice(15).map((_, j) => submit(15 + j)));
      for (const r of during) expect(r).toMatchObject({ ok: false, error: { code: "STORAGE_UNAVAILABLE" } });
    } finally {
      restarted = (await pg("start")) === 0;
    }
    expect(restarted).toBe(true);
    // Back up: phones resend with the same keys until acknowledged.
    for (let i = 15; i < students.length; i++) {
      let r = await submit(i);
      for (let attempt = 0; !r.ok && attempt < 40; attempt++) {
        expect(r).toMatchObject({ ok: false, error: { code: "STORAGE_UNAVAILABLE" } });
        await sleep(250);
        r = await submit(i);
      }
      expect(r.ok).toBe(true);
    }
    const rows = await ctx.server.db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    expect(rows).toHaveLength(students.length);
    students.forEach((s, i) => expect(rows.filter((r) => r.participantId === s.pid && r.idempotencyKey === keys[i])).toHaveLength(1));
    for (const s of students) s.c.close();
    teacher.close();
  });
});
