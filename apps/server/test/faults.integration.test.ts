/**
 * Faults: the server process is killed (SIGKILL) in the middle of an answer burst and started
 * again on the same database; a phone's network drops for 30 s. Nothing acknowledged is lost,
 * nothing is stored twice, everyone resumes as themselves.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./freePort.ts";
import { openDatabase } from "../src/db/database.ts";
import { connect, expectOk, newKey, promptNumber, signUpTeacher, sleep, type Client } from "./helpers.ts";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));

async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LIVELAB_WEB: "off", LOG_LEVEL: "error", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let t = 0; t < 600; t++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error("server exited during start-up");
    await sleep(100);
  }
  throw new Error("server did not start");
}

describe("faults (embedded database, separate server process)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "livelab-faults-"));
  let port = 0;
  let url = "";
  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  });
  let server: ChildProcess | null = null;
  afterAll(async () => {
    server?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("SIGKILL during an answer burst: every acknowledged answer survives the restart, none twice, everyone resumes", async () => {
    server = await startProcess(dataDir, port);
    const created = { data: await (await signUpTeacher(url)).createSession() };
    const { sessionId, code, hostSecret } = created.data;
    const teacher = await connect(url);
    expectOk(await teacher.call("host:attach", { sessionId, hostSecret }));
    const students: { c: Client; token: string; pid: string; prompt: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const c = await connect(url);
      const j = expectOk(await c.call("session:join", { code, nickname: `K${i}` }));
      students.push({ c, token: j.resumeToken, pid: j.participantId, prompt: "" });
    }
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const opened = students.map((s) => s.c.next("question:opened"));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    (await Promise.all(opened)).forEach((o, i) => (students[i].prompt = o.view.prompt));

    // The burst: everyone answers; the server is killed while answers are in flight.
    const acked = new Map<string, string>(); // participant → idempotency key
    const keys = students.map(() => newKey());
    const answers = students.map((s) => String(1 - 2 * promptNumber(s.prompt, "eta") * promptNumber(s.prompt, "lambda")));
    const inFlight = students.map(async (s, i) => {
      await sleep(Math.random() * 400);
      const r = await s.c.call("answer:submit", { questionId: "l2-decay-factor", answer: answers[i], idempotencyKey: keys[i] }, 3000).catch(() => null);
      if (r?.ok) acked.set(s.pid, keys[i]);
    });
    await sleep(200);
    server.kill("SIGKILL");
    await Promise.all(inFlight);
    for (const s of students) s.c.close();
    teacher.close();
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(students.length); // the kill really interrupted the burst

    server = await startProcess(dataDir, port);
    // Everyone resumes as the same participant; those not acknowledged send again with the same key.
    for (const [i, s] of students.entries()) {
      const c = await connect(url);
      const r = expectOk(await c.call("session:resume", { resumeToken: s.token }));
      expect(r.participantId).toBe(s.pid);
      const again = expectOk(await c.call("answer:submit", { questionId: "l2-decay-factor", answer: answers[i], idempotencyKey: keys[i] }));
      expect(again.attempt).toBe(1);
      c.close();
    }
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    server = null;

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.prisma.response.findMany({ where: { sessionId } });
      for (const [pid, key] of acked) expect(rows.some((r) => r.participantId === pid && r.idempotencyKey === key)).toBe(true);
      expect(rows).toHaveLength(students.length); // everyone exactly once
    } finally {
      await db.close();
    }
  });

  it("a phone offline for 30 s comes back as the same participant to the same state", async () => {
    server = await startProcess(dataDir, port);
    const created = { data: await (await signUpTeacher(url)).createSession() };
    const teacher = await connect(url);
    expectOk(await teacher.call("host:attach", { sessionId: created.data.sessionId, hostSecret: created.data.hostSecret }));
    const phone = await connect(url);
    const joined = expectOk(await phone.call("session:join", { code: created.data.code, nickname: "Tunnel" }));
    phone.close();
    // While the phone is away, the class moves on.
    expectOk(await teacher.call("activity:goto", { index: 13 }));
    expectOk(await teacher.call("question:open", { questionId: "dropout-kept-value" }));
    await sleep(30_000);
    const back = await connect(url);
    const r = expectOk(await back.call("session:resume", { resumeToken: joined.resumeToken }));
    expect(r.participantId).toBe(joined.participantId);
    expect(r.snapshot.activity.index).toBe(13);
    expect(r.snapshot.questions.find((q) => q.questionId === "dropout-kept-value")?.status).toBe("open");
    expectOk(await back.call("answer:submit", { questionId: "dropout-kept-value", answer: "2", idempotencyKey: newKey() }));
    back.close();
    teacher.close();
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    server = null;
  }, 120_000);
});
