import { resume, Simulation } from "@livelab/core/sim";
import type { Timeline } from "@livelab/core/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createSession} from "./helpers.ts";
import { backends, connect, hostedSession, expectOk, newKey, promptNumber, sleep, startServer, tearDown, testDatabase, type Client, type RunningServer, type TestDatabase } from "./helpers.ts";

const STUDENTS = 30;

function timelinesOf(client: Client): Map<number, Timeline> {
  const timelines = new Map<number, Timeline>();
  for (const m of client.received) {
    const t = m.event === "session:state" ? (m.payload as { timeline: Timeline | null }).timeline : null;
    if (t) timelines.set(t.revision, t);
  }
  return timelines;
}

describe.each(backends())("a full class on %s", (backend) => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let teacher: Client;
  let session: Awaited<ReturnType<typeof createSession>>;
  const students: { client: Client; participantId: string; resumeToken: string; nickname: string }[] = [];

  beforeAll(async () => {
    tdb = await testDatabase(backend);
    server = await startServer(tdb);
    ({ session, teacher } = await hostedSession(server.url));
    await Promise.all(
      Array.from({ length: STUDENTS }, async (_, i) => {
        const client = await connect(server.url);
        const nickname = `Student ${i + 1}`;
        const r = expectOk(await client.call("session:join", { code: session.code.toLowerCase(), nickname }));
        students.push({ client, participantId: r.participantId, resumeToken: r.resumeToken, nickname });
      }),
    );
  });

  afterAll(() => tearDown(server, tdb, [teacher, ...students.map((s) => s.client)]));

  it("everyone joined once, with unique participant ids; the teacher sees them", async () => {
    expect(new Set(students.map((s) => s.participantId)).size).toBe(STUDENTS);
    const progress = await teacher.waitFor("class:progress", (p) => p.joined === STUDENTS && p.connected === STUDENTS, 5000);
    expect(progress.joined).toBe(STUDENTS);
    const rows = await server.db.prisma.participant.count({ where: { sessionId: session.sessionId } });
    expect(rows).toBe(STUDENTS);
  });

  it("a simulation plays, changes λ mid-run and pauses: every client's hash equals the server's checkpoints", async () => {
    expectOk(await teacher.call("activity:goto", { index: 1 }));
    expectOk(await teacher.call("sim:control", { op: "speed", speed: 4 }));
    expectOk(await teacher.call("sim:control", { op: "play" }));
    await sleep(1500);
    expectOk(await teacher.call("sim:control", { op: "set", params: { l2: 0.01 } }));
    await sleep(1500);
    expectOk(await teacher.call("sim:control", { op: "pause" }));
    await sleep(300);
    const cache = new Map<string, string>();
    let verified = 0;
    for (const s of students) {
      const timelines = timelinesOf(s.client);
      const checkpoints = s.client.received.filter((m) => m.event === "sim:checkpoint").map((m) => m.payload as { revision: number; step: number; hash: string });
      expect(checkpoints.length).toBeGreaterThan(0);
      for (const cp of checkpoints) {
        const t = timelines.get(cp.revision);
        expect(t, `timeline revision ${cp.revision} was broadcast`).toBeDefined();
        const key = `${cp.revision}:${cp.step}`;
        if (!cache.has(key)) {
          const sim = Simulation.create({ presetId: t!.presetId, params: t!.params, seed: t!.seed, changes: t!.changes });
          sim.advanceTo(cp.step);
          cache.set(key, sim.weightsHash());
        }
        expect(cache.get(key)).toBe(cp.hash);
        verified++;
      }
      // The λ change is in the timeline every client received.
      const last = [...timelines.values()].at(-1)!;
      expect(last.changes.map((c) => c.params)).toContainEqual({ l2: 0.01 });
      expect(last.playing).toBe(false);
    }
    expect(verified).toBeGreaterThanOrEqual(STUDENTS * 2);
    // A late joiner's keyframe resumes bit-identically: from it, 100 more steps equal a full replay.
    const kf = expectOk(await students[0].client.call("sim:keyframe", {}));
    expect(kf.keyframe.step).toBeGreaterThan(0);
    const fromKeyframe = resume(kf.keyframe, kf.changes);
    const t = [...timelinesOf(students[0].client).values()].at(-1)!;
    const replay = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
    replay.advanceTo(kf.keyframe.step + 100);
    fromKeyframe.advanceTo(kf.keyframe.step + 100);
    expect(fromKeyframe.weightsHash()).toBe(replay.weightsHash());
    // Clock sync: the server's time is returned with the caller's t0.
    const t0 = Date.now();
    const pong = expectOk(await students[1].client.call("time:ping", { t0 }));
    expect(pong.t0).toBe(t0);
    expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(1000);
  });

  it("a question with per-student parameters: right, named mistake, wrong — nothing leaks before the reveal, each gets their own feedback", async () => {
    for (const s of students) s.client.received.length = 0;
    expectOk(await teacher.call("activity:goto", { index: 3 }));
    const opened = students.map((s) => s.client.next("question:opened"));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    const views = await Promise.all(opened);
    const expected: { kind: "right" | "mistake" | "wrong"; value: number }[] = [];
    await Promise.all(
      students.map(async (s, i) => {
        const view = views[i].view;
        const eta = promptNumber(view.prompt, "eta");
        const lambda = promptNumber(view.prompt, "lambda");
        const kind = i % 3 === 0 ? "right" : i % 3 === 1 ? "mistake" : "wrong";
        const answer = kind === "right" ? 1 - 2 * eta * lambda : kind === "mistake" ? 1 - eta * lambda : 0.5;
        expected[i] = { kind, value: answer };
        const ack = expectOk(await s.client.call("answer:submit", { questionId: "l2-decay-factor", answer: String(answer), idempotencyKey: newKey() }));
        expect(ack).toMatchObject({ saved: true, attempt: 1 });
        expect(ack).not.toHaveProperty("correct");
      }),
    );
    const distinctParams = new Set(views.map((v) => v.view.prompt));
    expect(distinctParams.size).toBeGreaterThan(1);

    // Nothing a student received so far carries grading.
    for (const s of students) {
      const text = JSON.stringify(s.client.received);
      expect(text).not.toMatch(/"expected"|"feedbackKey"|"correct"|dropped-factor-2|derivative of|1 - 2\*eta/);
    }
    const progress = await teacher.waitFor(
      "class:progress", (p) => p.questions.some((q) => q.questionId === "l2-decay-factor" && q.answered === STUDENTS), 5000,
    );
    const q = progress.questions.find((x) => x.questionId === "l2-decay-factor")!;
    expect(q.distribution).toEqual({ correct: 10, "dropped-factor-2": 10, other: 10 });

    const revealed = students.map((s) => s.client.next("question:revealed"));
    expectOk(await teacher.call("question:reveal", { questionId: "l2-decay-factor" }));
    const results = await Promise.all(revealed);
    results.forEach((r, i) => {
      const e = expected[i];
      expect(r.correct).toBe(e.kind === "right");
      expect(r.feedbackKey).toBe(e.kind === "mistake" ? "dropped-factor-2" : null);
      expect(r.solution).toContain("factor");
    });
    const stored = await server.db.prisma.response.findMany({ where: { sessionId: session.sessionId, questionId: "l2-decay-factor" } });
    expect(stored).toHaveLength(STUDENTS);
    expect(stored.filter((r) => r.correct).length).toBe(10);
    expect(stored.filter((r) => r.feedbackKey === "dropped-factor-2").length).toBe(10);
  });

  it("late answers are refused after close", async () => {
    const late = await students[0].client.call("answer:submit", { questionId: "l2-decay-factor", answer: "0.9", idempotencyKey: newKey() });
    expect(late).toMatchObject({ ok: false, error: { code: "QUESTION_NOT_OPEN" } });
  });

  it("a class experiment: each choice is trained on the server, stored, ranked", async () => {
    expectOk(await teacher.call("activity:goto", { index: 5 }));
    const values = [0, 1e-4, 0.03, 10];
    const acks = await Promise.all(values.map((value, i) => students[i].client.call("experiment:submit", { activityId: "lambda-experiment", value, idempotencyKey: newKey() })));
    const data = acks.map(expectOk);
    for (const d of data) expect(Number.isFinite(d.valLoss)).toBe(true);
    // The middle λ beats both extremes: the class's U-curve.
    expect(data[2].valLoss).toBeLessThan(data[0].valLoss);
    expect(data[2].valLoss).toBeLessThan(data[3].valLoss);
    const bad = await students[5].client.call("experiment:submit", { activityId: "lambda-experiment", value: 100, idempotencyKey: newKey() });
    expect(bad).toMatchObject({ ok: false, error: { code: "INVALID_PARAMS" } });
    const points = await teacher.waitFor("experiment:points", (p) => p.points.length === 4, 5000);
    expect(points.points).toHaveLength(4);
    expect(await server.db.prisma.experimentRun.count({ where: { sessionId: session.sessionId } })).toBe(4);
  });

  it("short written answers reach the teacher (with who wrote them, for moderation)", async () => {
    expectOk(await teacher.call("activity:goto", { index: 8 }));
    expectOk(await teacher.call("question:open", { questionId: "why-l1-zeros" }));
    const texts = ["the diamond has corners on the axes", "constant pull toward zero", "L2 pull fades near 0"];
    for (const [i, text] of texts.entries()) expectOk(await students[i].client.call("answer:submit", { questionId: "why-l1-zeros", answer: text, idempotencyKey: newKey() }));
    const progress = await teacher.waitFor("class:progress", (p) => (p.questions.find((q) => q.questionId === "why-l1-zeros")?.texts?.length ?? 0) === 3, 5000);
    const q = progress.questions.find((x) => x.questionId === "why-l1-zeros")!;
    expect(new Set(q.texts!.map((t) => t.text))).toEqual(new Set(texts));
    expect(new Set(q.texts!.map((t) => t.participantId))).toEqual(new Set(students.slice(0, 3).map((s) => s.participantId)));
    expect(q.texts!.every((t) => !t.hidden)).toBe(true);
  });

  it("ending the session sends each student a summary and refuses further joins", async () => {
    const summaries = students.slice(0, 3).map((s) => s.client.next("session:ended"));
    expectOk(await teacher.call("session:end", {}));
    const got = await Promise.all(summaries);
    expect(got[0].asked).toBeGreaterThanOrEqual(1);
    expect(got[0].correct).toBe(1); // student 0 answered right
    const c = await connect(server.url);
    expect(await c.call("session:join", { code: session.code, nickname: "Late" })).toMatchObject({ ok: false, error: { code: "SESSION_ENDED" } });
    c.close();
    const row = await server.db.prisma.classSession.findUnique({ where: { id: session.sessionId } });
    expect(row?.status).toBe("ended");
  });
});
