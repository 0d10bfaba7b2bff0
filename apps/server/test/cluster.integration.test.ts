/**
 * Scaled mode, for real: three LiveLab processes behind HAProxy (sticky cookie), one
 * redis-server (Socket.IO's Redis Streams adapter) and one PostgreSQL database, all on
 * loopback, with 300 students spread over the nodes. Lockstep checkpoints agree on every node
 * and with the engine; an answer burst is stored exactly once; the owner of the class is killed
 * (SIGKILL) mid-burst and another node takes over within 10 s with nothing acknowledged lost,
 * nothing stored twice and the simulation on the same step and hash; Redis is restarted
 * mid-class; a cut connection recovers its state on another node; long polling works through
 * the balancer's cookie; a class roster's student joins a live class of their class through a
 * node that does not run it, as themselves, and gets the same seat from another node.
 */
import { Simulation } from "@livelab/core/sim";
import { stepAt, type Timeline } from "@livelab/core/timeline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterToolsMissing, startCluster, type Cluster } from "./support/cluster.ts";
import { Phone } from "./support/phone.ts";
import { joinClass } from "./support/practiceClient.ts";
import { signUpTeacher } from "./teacherClient.ts";
import { testDatabase, type TestDatabase } from "./helpers.ts";

const STUDENTS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const missing = [...clusterToolsMissing(), ...(process.env.TEST_DATABASE_URL ? [] : ["TEST_DATABASE_URL (PostgreSQL)"])];
if (missing.length && process.env.CI === "true") throw new Error(`CI must provide ${missing.join(", ")} (see .ci/run)`);
if (missing.length) console.warn(`cluster test skipped: missing ${missing.join(", ")}`);

async function until<T>(what: string, get: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Wait until every phone's last checkpoint is the one sent when the simulation paused, and return it. */
async function pausedCheckpoint(phones: Phone[]): Promise<{ revision: number; step: number; hash: string }> {
  const paused = await until("the pause to reach the first phone", () => {
    const t = (phones[0].messages("session:state").at(-1) as { timeline?: Timeline } | undefined)?.timeline;
    return t && !t.playing ? t : null;
  });
  await until("every phone to get the pause's checkpoint", () => phones.every((p) => p.messages("sim:checkpoint").at(-1)?.revision === paused.revision));
  return phones[0].messages("sim:checkpoint").at(-1)!;
}

/** The engine's own hash at `step` of a timeline: what every screen computes. */
function engineHash(t: Timeline, step: number): string {
  const sim = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
  while (sim.step < step) sim.stepOnce();
  return sim.weightsHash();
}

describe.skipIf(missing.length > 0)("three nodes behind HAProxy, one Redis, one PostgreSQL", () => {
  let tdb: TestDatabase;
  let cluster: Cluster;
  let db: pg.Client;
  let session: { sessionId: string; code: string; hostSecret: string };
  let teacher: Phone;
  const phones: Phone[] = [];

  const owner = async () => (await db.query<{ ownerNode: string; leaseToken: number }>(`SELECT "ownerNode", "leaseToken" FROM "ClassSession" WHERE id = $1`, [session.sessionId])).rows[0];
  const nodeOf = (name: string) => cluster.nodes.find((n) => n.name === name)!;
  const connectedSockets = async (url: string) => Number(/^livelab_connected_sockets (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? -1);

  beforeAll(async () => {
    tdb = await testDatabase("postgres");
    const url = (tdb.location as { url: string }).url;
    cluster = await startCluster({ databaseUrl: url, env: { METRICS: "1" } });
    db = new pg.Client({ connectionString: url });
    await db.connect();
    session = await (await signUpTeacher(cluster.url)).createSession();
    teacher = new Phone(cluster.url);
    expect(await teacher.attachHost({ sessionId: session.sessionId, hostSecret: session.hostSecret })).toBe(true);
  }, 120_000);

  afterAll(async () => {
    for (const p of [...phones, teacher]) p?.close();
    await db?.end();
    await cluster?.stop();
    await tdb?.drop();
  }, 60_000);

  it("a join code is checked on every node: on the class's own node from its room, on the others from the database", async () => {
    for (const { name } of cluster.nodes) {
      const p = new Phone(cluster.url, { node: name });
      await p.connected();
      expect(await p.call("session:check", { code: session.code.toLowerCase() }), name).toEqual({ ok: true, data: { code: session.code } });
      expect(await p.call("session:check", { code: "QQ0000" }), name).toMatchObject({ ok: false, error: { code: "SESSION_NOT_FOUND" } });
      p.close();
    }
  }, 60_000);

  it("300 students spread over the nodes hear the same lockstep checkpoints, equal to the engine's; an answer burst is stored exactly once", async () => {
    // Each phone arrives with the balancer's cookie for one node (as a browser does after its first request).
    for (let i = 0; i < STUDENTS; i += 50) {
      const batch = Array.from({ length: Math.min(50, STUDENTS - i) }, (_, j) => new Phone(cluster.url, { node: cluster.nodes[(i + j) % 3].name }));
      phones.push(...batch);
      await Promise.all(batch.map((p, j) => p.join(session.code, `S${i + j}`)));
    }
    for (const n of cluster.nodes) expect(await connectedSockets(n.url)).toBeGreaterThanOrEqual(STUDENTS / 3);
    await until("the teacher to see everyone connected", () => (teacher.messages("class:progress").at(-1) as { connected?: number } | undefined)?.connected === STUDENTS);

    // Lockstep: play the first simulation for a few seconds.
    await teacher.command("activity:goto", { index: 1 });
    await teacher.command("sim:control", { op: "play" });
    await sleep(3500);
    await teacher.command("sim:control", { op: "pause" });
    const pausedAt = await pausedCheckpoint(phones);
    const timeline = (phones[0].messages("session:state").at(-1) as { timeline: Timeline }).timeline;
    const seen = new Map<string, string>(); // "revision/step" → hash
    for (const p of phones) {
      const cps = p.messages("sim:checkpoint");
      expect(cps.length).toBeGreaterThanOrEqual(3);
      for (const c of cps) {
        const key = `${c.revision}/${c.step}`;
        expect(seen.get(key) ?? c.hash, `checkpoint ${key}`).toBe(c.hash);
        seen.set(key, c.hash);
      }
    }
    const last = pausedAt;
    expect(last.revision).toBe(timeline.revision);
    expect(last.step).toBeGreaterThan(10);
    expect(last.hash).toBe(engineHash(timeline, last.step));
    // Every node's students got the same last checkpoint.
    for (const p of phones) expect(p.messages("sim:checkpoint").at(-1)).toEqual(last);

    // The burst: everyone answers within a second, one in ten twice at once.
    await teacher.command("activity:goto", { index: 3 });
    await teacher.command("question:open", { questionId: "l2-decay-factor" });
    await until("everyone to get the question", () => phones.every((p) => p.messages("question:opened").length > 0));
    const acks = await Promise.all(phones.map(async (p, i) => {
      await sleep(Math.random() * 1000);
      const send = () => p.answer("l2-decay-factor", "0.998", `burst1-${i}-${session.code}`);
      const rs = await Promise.all(i % 10 === 0 ? [send(), send()] : [send()]);
      return rs.every((r) => r.ack?.attempt === 1);
    }));
    expect(acks.filter(Boolean)).toHaveLength(STUDENTS);
    const { rows } = await db.query<{ n: number; d: number }>(`SELECT count(*)::int AS n, count(DISTINCT "participantId")::int AS d FROM "Response" WHERE "sessionId" = $1 AND "questionId" = 'l2-decay-factor'`, [session.sessionId]);
    expect(rows[0]).toEqual({ n: STUDENTS, d: STUDENTS });
  }, 240_000);

  it("the owner killed (SIGKILL) mid-burst: another node takes the lease within 10 s; every acknowledged answer is stored once; every student resumes", async () => {
    await teacher.command("activity:goto", { index: 13 });
    await teacher.command("question:open", { questionId: "dropout-kept-value" });
    await until("everyone to get the question", () => phones.every((p) => p.messages("question:opened").some((q) => (q as { questionId: string }).questionId === "dropout-kept-value")));
    const before = await owner();
    const resumesBefore = phones.map((p) => p.resumes);
    const disconnectsBefore = phones.map((p) => p.disconnects);
    const keys = phones.map((_, i) => `burst2-${i}-${session.code}`);
    const burst = Promise.all(phones.map(async (p, i) => {
      await sleep(Math.random() * 1500);
      return p.answer("dropout-kept-value", "2", keys[i]);
    }));
    await sleep(400);
    const killedAt = Date.now();
    await nodeOf(before.ownerNode).kill();
    const after = await until("another node to take the session", async () => {
      const o = await owner();
      return o.leaseToken > before.leaseToken && o.ownerNode !== before.ownerNode ? o : null;
    }, 15_000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(10_000);
    const results = await burst;
    expect(results.filter((r) => r.ack)).toHaveLength(STUDENTS); // everyone got through, some after retries
    expect(results.some((r) => r.tries > 1)).toBe(true); // the kill really interrupted the burst
    const { rows } = await db.query<{ participantId: string; idempotencyKey: string; attempt: number }>(
      `SELECT "participantId", "idempotencyKey", attempt FROM "Response" WHERE "sessionId" = $1 AND "questionId" = 'dropout-kept-value'`, [session.sessionId]);
    expect(rows).toHaveLength(STUDENTS); // nothing twice
    const stored = new Set(rows.map((r) => `${r.participantId}|${r.idempotencyKey}`));
    phones.forEach((p, i) => expect(stored.has(`${p.participantId}|${keys[i]}`)).toBe(true));
    expect(rows.every((r) => r.attempt === 1)).toBe(true);
    // The dead node's phones came back through the balancer and resumed their seats.
    const cut = phones.map((p, i) => p.disconnects > disconnectsBefore[i]);
    expect(cut.filter(Boolean).length).toBeGreaterThanOrEqual(STUDENTS / 3 - 5);
    phones.forEach((p, i) => { if (cut[i]) expect(p.resumes, `phone ${i}`).toBeGreaterThan(resumesBefore[i]); });
    expect(phones.every((p) => p.socket.connected)).toBe(true);
    await until("the teacher's roster to show everyone again", () => (teacher.messages("class:progress").at(-1) as { connected?: number } | undefined)?.connected === STUDENTS, 20_000);
    console.log(`failover: ${before.ownerNode} killed, ${after.ownerNode} took the session (token ${after.leaseToken}) after ${takeoverMs} ms`);
    await nodeOf(before.ownerNode).start();
  }, 180_000);

  it("the simulation carries on at the same step with the same hash when its owner dies", async () => {
    await teacher.command("activity:goto", { index: 1 });
    await teacher.command("sim:control", { op: "play" });
    await sleep(2000);
    const before = await owner();
    const timeline = (phones[0].messages("session:state").at(-1) as { timeline: Timeline }).timeline;
    expect(timeline.playing).toBe(true);
    const seenBefore = phones[0].messages("sim:checkpoint").length;
    const lastBefore = phones[0].messages("sim:checkpoint").at(-1)!;
    await nodeOf(before.ownerNode).kill();
    await until("another node to take the session", async () => (await owner()).leaseToken > before.leaseToken, 15_000);
    // The new owner's checkpoints: same timeline revision, steps where the clock says, the engine's hashes.
    const after = await until("a checkpoint from the new owner", () => {
      const cps = phones[0].received.filter((m) => m.event === "sim:checkpoint").slice(seenBefore);
      return cps.length >= 2 ? cps : null;
    }, 20_000);
    for (const m of after) {
      const c = m.payload as { revision: number; step: number; hash: string };
      expect(c.revision).toBe(lastBefore.revision);
      expect(c.step).toBeGreaterThan(lastBefore.step);
      expect(Math.abs(c.step - stepAt(timeline, m.at))).toBeLessThanOrEqual(2 * timeline.stepsPerSecond); // within two seconds of the clock (delivery)
      expect(c.hash).toBe(engineHash(timeline, c.step));
    }
    await teacher.command("sim:control", { op: "pause" });
    const last = await pausedCheckpoint(phones);
    expect(last.hash).toBe(engineHash(timeline, last.step));
    for (const p of phones) expect(p.messages("sim:checkpoint").at(-1)).toEqual(last);
    await nodeOf(before.ownerNode).start();
  }, 120_000);

  it("Redis restarted mid-class: answers sent meanwhile are all stored once, broadcasts reach every node again", async () => {
    await teacher.command("activity:goto", { index: 10 });
    await teacher.command("question:open", { questionId: "penalty-l2-value" });
    await until("everyone to get the question", () => phones.every((p) => p.messages("question:opened").some((q) => (q as { questionId: string }).questionId === "penalty-l2-value")));
    const keys = phones.map((_, i) => `burst3-${i}-${session.code}`);
    const burst = Promise.all(phones.map(async (p, i) => {
      await sleep(Math.random() * 2000);
      return p.answer("penalty-l2-value", "0.5", keys[i]);
    }));
    await sleep(300);
    await cluster.restartRedis(1000);
    const results = await burst;
    expect(results.filter((r) => r.ack)).toHaveLength(STUDENTS);
    const { rows } = await db.query<{ n: number; d: number }>(`SELECT count(*)::int AS n, count(DISTINCT "participantId")::int AS d FROM "Response" WHERE "sessionId" = $1 AND "questionId" = 'penalty-l2-value'`, [session.sessionId]);
    expect(rows[0]).toEqual({ n: STUDENTS, d: STUDENTS });
    await teacher.command("activity:goto", { index: 11 });
    await until("every student on every node to hear the next activity", () => phones.every((p) => (p.messages("session:state").at(-1) as { activity?: { index: number } } | undefined)?.activity?.index === 11), 20_000);
  }, 120_000);

  it("classes spread over the nodes: each starts on the node its teacher reached", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await (await signUpTeacher(cluster.url)).createSession()).sessionId);
    const { rows } = await db.query<{ ownerNode: string; leaseToken: number }>(`SELECT "ownerNode", "leaseToken" FROM "ClassSession" WHERE id = ANY($1)`, [ids]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.leaseToken === 1)).toBe(true); // created leased to its node: nobody took it over
    expect(new Set(rows.map((r) => r.ownerNode)).size).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("a cut connection recovers its state on another node (connection state recovery through Redis); long polling sticks to its node", async () => {
    const phone = new Phone(cluster.url, { node: "n1" });
    await phone.join(session.code, "Roamer");
    // A broadcast first: recovery resumes from the offset of the last one the phone received.
    await teacher.command("activity:goto", { index: 14 });
    await until("the phone to hear it", () => phone.messages("session:state").length > 0);
    const io = phone.socket.io as unknown as { opts: { extraHeaders: Record<string, string> }; engine: { close(): void } };
    // Back after a second: n1 has long noticed the cut and saved the connection's state by then.
    phone.socket.io.reconnectionDelay(1000).randomizationFactor(0);
    // The next connection goes to n2; the cut is the phone's (its Wi-Fi dropped), so n1 keeps its state in Redis.
    io.opts.extraHeaders.cookie = "LIVELAB_NODE=n2";
    io.engine.close();
    await teacher.command("activity:goto", { index: 12 }); // sent while the phone is away
    await until("the phone to reconnect", () => phone.recoveredConnects > 0 || phone.resumes > 0, 20_000);
    expect(phone.socket.recovered).toBe(true); // n2 restored its rooms and role from Redis
    await until("the missed state to arrive", () => (phone.messages("session:state").at(-1) as { activity?: { index: number } } | undefined)?.activity?.index === 12);
    expect(await phone.resume()).toBe(true); // the page's resume on connect is accepted for its own seat
    const ack = await phone.call<{ attempt: number }>("sim:keyframe", {});
    expect(ack.ok).toBe(true);
    phone.close();

    // Long polling: every request of one connection must reach the same node — the balancer's cookie does it.
    const pollers = Array.from({ length: 6 }, () => new Phone(cluster.url, { polling: true }));
    await Promise.all(pollers.map((p, i) => p.join(session.code, `Poll${i}`)));
    await teacher.command("activity:goto", { index: 13 });
    await teacher.command("question:open", { questionId: "dropout-expected-value" });
    await until("the pollers to hear it", () => pollers.every((p) => p.messages("question:opened").some((q) => (q as { questionId: string }).questionId === "dropout-expected-value")));
    for (const p of pollers) expect((await p.answer("dropout-expected-value", "1", `poll-${p.participantId}`)).ack?.attempt).toBe(1);
    for (const p of pollers) p.close();
  }, 120_000);

  it("a roster student joins a live class of their class through nodes that do not run it: as themselves, one seat, answers attached to them; deleted through another node", async () => {
    const rivera = await signUpTeacher(cluster.url);
    const classroom = (await (await rivera.fetch("/api/classes", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "9B Physics" }) })).json()) as { data: { id: string; code: string } };
    const ada = await joinClass(cluster.url, classroom.data.code, "Ada");
    const created = await rivera.fetch(`/api/classes/${classroom.data.id}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(created.status).toBe(201);
    const live = ((await created.json()) as { data: { sessionId: string; code: string; hostSecret: string } }).data;
    const ownerNode = (await db.query<{ ownerNode: string }>(`SELECT "ownerNode" FROM "ClassSession" WHERE id = $1`, [live.sessionId])).rows[0].ownerNode;
    const others = cluster.nodes.map((n) => n.name).filter((n) => n !== ownerNode);
    expect(others).toHaveLength(2);
    // Her two devices, each on a node that does not run the class (its sticky cookie and her student cookie).
    const device = (node: string) => {
      const p = new Phone(cluster.url, { node, cookie: ada.cookie });
      phones.push(p);
      return p;
    };
    const first = device(others[0]);
    const joined = await first.call<{ participantId: string; sessionId: string; nickname: string }>("session:joinRoster", { code: live.code });
    expect(joined).toMatchObject({ ok: true, data: { sessionId: live.sessionId, nickname: "Ada" } });
    const seat = (joined as { data: { participantId: string } }).data.participantId;
    const second = device(others[1]);
    expect(await second.call("session:joinRoster", { code: live.code })).toMatchObject({ ok: true, data: { participantId: seat } });
    // A nickname join is refused by the owner, wherever it is asked.
    const stranger = new Phone(cluster.url, { node: others[0] });
    phones.push(stranger);
    expect(await stranger.call("session:join", { code: live.code, nickname: "Mallory" })).toMatchObject({ ok: false, error: { code: "CLASS_SIGN_IN_REQUIRED" } });
    // Her answer, forwarded to the owner, is stored on her seat, which is linked to her.
    const host = new Phone(cluster.url, { node: ownerNode });
    phones.push(host);
    expect(await host.attachHost({ sessionId: live.sessionId, hostSecret: live.hostSecret })).toBe(true);
    await host.command("activity:goto", { index: 13 });
    await host.command("question:open", { questionId: "dropout-expected-value" });
    await until("the question to reach her phone", () => first.messages("question:opened").length > 0);
    expect(await first.call("answer:submit", { questionId: "dropout-expected-value", answer: "1", idempotencyKey: `ada-${seat}` })).toMatchObject({ ok: true });
    const { rows } = await db.query<{ studentId: string | null; n: number }>(
      `SELECT p."studentId", (SELECT count(*)::int FROM "Response" r WHERE r."participantId" = p.id) AS n FROM "Participant" p WHERE p."sessionId" = $1`, [live.sessionId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].n).toBe(1);
    const adaId = (await db.query<{ id: string }>(`SELECT id FROM "Student" WHERE "classroomId" = $1 AND name = 'Ada'`, [classroom.data.id])).rows[0].id;
    expect(rows[0].studentId).toBe(adaId);
    // The teacher deletes her through a node that does not run the class: the owner takes her out first, then nothing of hers remains.
    const deleted = await fetch(`${cluster.url}/api/classes/${classroom.data.id}/students/${adaId}`, { method: "DELETE", headers: { origin: cluster.url, cookie: `${rivera.cookie}; LIVELAB_NODE=${others[1]}` } });
    expect(deleted.status).toBe(200);
    await until("her phone to be told", () => first.messages("participant:removed").length > 0);
    const left = await db.query<{ n: number }>(`SELECT (SELECT count(*)::int FROM "Student" WHERE id = $1) + (SELECT count(*)::int FROM "Participant" WHERE "studentId" = $1 OR id = $2) AS n`, [adaId, seat]);
    expect(left.rows[0].n).toBe(0);
  }, 60_000);
});
