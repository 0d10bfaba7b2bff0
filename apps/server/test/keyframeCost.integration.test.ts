/**
 * Issue 12 (5): a student alternating `sim:keyframe` requests for step 1,000,000 and step 0 made
 * the server replay the whole run each time (~0.6 s); 16 such messages pushed another student's
 * keyframe from a few milliseconds to 5–6 s. Now steps past the run are refused, keyframes are
 * kept along the run and reused, and each connection gets a few a second, one at a time.
 *
 * Timing is compared with the same run only: `replay` is what one replay of the whole run costs
 * on this machine now (computed here, outside the server: the old price of every hostile
 * message), `baseline` an honest keyframe of the current step without an attack. Before the fix
 * the honest student waited behind one replay per hostile connection (six here) — 0.4–1.5 s
 * against a 0.3 s replay when this test was written — and the first request past the run was
 * answered.
 */
import type { Ack } from "@livelab/core/protocol";
import { Simulation } from "@livelab/core/sim";
import { describe, expect, it } from "vitest";
import { backends, connect, expectOk, hostedSession, serverPerSuite, type Client } from "./helpers.ts";

const DROPOUT = 12; // the lesson's dropout activity: the costliest simulation, 2,000 steps
const HOSTILE_CONNECTIONS = 6;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.each(backends().slice(0, 1))("keyframe cost on %s", (backend) => {
  const ctx = serverPerSuite(backend);

  it("hostile keyframe requests do not delay an honest student's keyframe beyond a same-run bound", async () => {
    const { session, teacher } = await hostedSession(ctx.server.url);
    expectOk(await teacher.call("activity:goto", { index: DROPOUT }));
    const join = async (name: string) => {
      const c = await connect(ctx.server.url);
      expectOk(await c.call("session:join", { code: session.code, nickname: name }));
      return c;
    };
    const honest = await join("Honest");
    const hostile: Client[] = [];
    for (let i = 0; i < HOSTILE_CONNECTIONS; i++) hostile.push(await join(`Hostile ${i}`));

    // A step past the run is refused, at once, with a typed error.
    const past = await honest.call("sim:keyframe", { step: 1_000_000 });
    expect(past).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    const maxSteps = 2000;

    // The cost of one replay of the whole run, here and now (the old price of each hostile message).
    const t = expectOk(await teacher.call("host:attach", { sessionId: session.sessionId, hostSecret: session.hostSecret })).state.timeline!;
    expect(t.maxSteps).toBe(maxSteps);
    const replays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const sim = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
      replays.push((await timed(async () => sim.advanceTo(t.maxSteps)))[1]);
    }
    const replay = median(replays);
    const last = expectOk(await teacher.call("sim:keyframe", { step: maxSteps }));
    expect(last.keyframe.step).toBe(maxSteps);
    // An honest keyframe of the current step, without an attack.
    const baselines: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [r, ms] = await timed(() => honest.call("sim:keyframe", {}));
      expect(expectOk(r).keyframe.step).toBe(0);
      baselines.push(ms);
      await new Promise((r) => setTimeout(r, 600));
    }
    const baseline = median(baselines);

    // The attack: each hostile connection alternates step 1,000,000, the last step and step 0
    // as fast as it is answered, 16 messages each.
    const outcomes: Record<string, number> = {};
    const attack = Promise.all(hostile.map(async (h) => {
      for (let i = 0; i < 16; i++) {
        const step = [1_000_000, maxSteps, 0][i % 3];
        const r: Ack<unknown> = await h.call("sim:keyframe", { step });
        const k = r.ok ? "ok" : r.error.code;
        outcomes[k] = (outcomes[k] ?? 0) + 1;
        // Past the run: never computed (refused as such, or by the connection's pace first).
        if (step > maxSteps) expect(r.ok ? "ok" : r.error.code).toMatch(/^(BAD_REQUEST|RATE_LIMITED)$/);
      }
    }));
    const underAttack: number[] = [];
    for (const step of [1333, 555, 1999, 1]) {
      const [r, ms] = await timed(() => honest.call("sim:keyframe", { step }));
      expect(expectOk(r).keyframe.step).toBeLessThanOrEqual(step);
      underAttack.push(ms);
      await new Promise((r) => setTimeout(r, 550));
    }
    await attack;

    expect(Object.keys(outcomes).every((k) => ["ok", "BAD_REQUEST", "RATE_LIMITED"].includes(k)), JSON.stringify(outcomes)).toBe(true);
    const worst = Math.max(...underAttack);
    // At most one replay's time (plus noise): the honest request waits for no hostile work.
    const bound = replay + 10 * baseline;
    expect(worst, `honest keyframe under attack ${worst.toFixed(0)} ms; one replay ${replay.toFixed(0)} ms, baseline ${baseline.toFixed(1)} ms`).toBeLessThan(bound);
    for (const c of [honest, ...hostile, teacher]) c.close();
  });
});
