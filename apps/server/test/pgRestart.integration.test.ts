/**
 * PostgreSQL restarts in the middle of an answer burst. Answers that could not be stored are
 * refused with STORAGE_UNAVAILABLE (never acknowledged and lost); clients resend with the same
 * idempotency key; when the database is back every student has exactly one stored answer.
 * Needs the throwaway server of scripts/pg-start.sh (CI starts it); skipped without it locally.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, expectOk, hostedSession, newKey, promptNumber, sleep, startServer, testDatabase, type Client, type RunningServer, type TestDatabase } from "./helpers.ts";

const url = process.env.TEST_DATABASE_URL;
const port = url ? new URL(url).port : "";
const dataDir = `/tmp/livelab-pg-${port}`;
const usable = !!url && existsSync(`${dataDir}/PG_VERSION`);
if (!usable && process.env.CI === "true") throw new Error("CI must run the PostgreSQL of scripts/pg-start.sh for the restart test");
const restartScript = fileURLToPath(new URL("../../../scripts/pg-restart.sh", import.meta.url));

describe.skipIf(!usable)("PostgreSQL restarts during an answer burst", () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    tdb = await testDatabase("postgres");
    server = await startServer(tdb);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("answers are stored or refused with STORAGE_UNAVAILABLE, never acknowledged and lost; service resumes", async () => {
    const { session, teacher } = await hostedSession(server.url);
    const students: { c: Client; pid: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await connect(server.url);
      const j = expectOk(await c.call<{ participantId: string }>("session:join", { code: session.code, nickname: `P${i}` }));
      students.push({ c, pid: j.participantId });
    }
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const opened = students.map((s) => s.c.next<{ view: { prompt: string } }>("question:opened"));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    const prompts = (await Promise.all(opened)).map((o) => o.view.prompt);

    const refusals: string[] = [];
    const acked = new Map<string, string>();
    const burst = students.map(async (s, i) => {
      const key = newKey();
      const answer = String(1 - 2 * promptNumber(prompts[i], "eta") * promptNumber(prompts[i], "lambda"));
      await sleep(Math.random() * 2500);
      for (let attempt = 0; attempt < 60; attempt++) {
        const r = await s.c.call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: key }, 15_000);
        if (r.ok) {
          acked.set(s.pid, key);
          return;
        }
        refusals.push(r.error.code);
        await sleep(500); // a phone retries with the same key
      }
    });
    await sleep(300);
    // Asynchronously: the server under test lives in this process and must keep running.
    const restarted = new Promise<number>((resolve) => spawn("bash", [restartScript], { env: { ...process.env, PGPORT: port }, stdio: "inherit" }).on("exit", (c) => resolve(c ?? 1)));
    await Promise.all(burst);
    expect(await restarted).toBe(0);

    expect(acked.size).toBe(students.length);
    // The restart really interrupted the burst: some answers were refused, and then stored.
    expect(refusals.length, "answers refused while the database was down").toBeGreaterThan(0);
    for (const code of refusals) expect(code).toBe("STORAGE_UNAVAILABLE");
    const rows = await server.db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    expect(rows).toHaveLength(students.length);
    for (const [pid, key] of acked) expect(rows.filter((r) => r.participantId === pid && r.idempotencyKey === key)).toHaveLength(1);
    for (const s of students) s.c.close();
    teacher.close();
  });
});
