import { snapshot, Simulation, type Keyframe } from "@livelab/core/sim";
import type { LossHistory } from "@livelab/core/protocol";
import { stepAt, type Timeline } from "@livelab/core/session";

/** About this many points of loss history per run: enough for a chart, small enough to send to a late phone. */
const HISTORY_POINTS = 300;

/** Losses to 5 significant digits: the chart's precision, a third of the bytes. */
const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(5)) : x);

/**
 * The server's own copy of a session's simulation: it computes the same steps as every
 * client, so it can publish checkpoint hashes and hand out keyframes. Long jumps are
 * computed in slices of a few milliseconds, yielding to the event loop between slices, so a
 * seek never stalls the sockets of a 2,000-student room.
 */
export class SimRunner {
  private sim: Simulation | null = null;
  private key = "";
  private history: LossHistory = { steps: [], lanes: [] };
  private stride = 1;
  private busy: Promise<unknown> = Promise.resolve();

  private static keyOf(t: Timeline): string {
    return JSON.stringify([t.presetId, t.params, t.seed, t.changes]);
  }

  /** Bring the simulation to `step` of timeline `t`. Calls are serialized. */
  advance(t: Timeline, step: number): Promise<Simulation> {
    const run = this.busy.then(() => this.advanceNow(t, step));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async advanceNow(t: Timeline, step: number): Promise<Simulation> {
    const key = SimRunner.keyOf(t);
    if (!this.sim || key !== this.key || this.sim.step > step) {
      this.sim = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
      this.key = key;
      this.stride = Math.max(1, Math.ceil(t.maxSteps / HISTORY_POINTS));
      this.history = { steps: [], lanes: this.sim.preset.lanes.map(() => ({ train: [], val: [], l2: [] })) };
      this.record(this.sim);
    }
    const sim = this.sim;
    while (sim.step < step) {
      const sliceEnd = performance.now() + 6;
      while (sim.step < step && performance.now() < sliceEnd) {
        sim.stepOnce();
        if (sim.step % this.stride === 0) this.record(sim);
      }
      if (sim.step < step) await new Promise((r) => setImmediate(r));
    }
    return sim;
  }

  /** One point of the loss history (the same numbers every screen computes, rounded for the wire). */
  private record(sim: Simulation): void {
    const m = sim.metrics();
    this.history.steps.push(sim.step);
    m.lanes.forEach((l, i) => {
      const h = this.history.lanes[i];
      h.train.push(round(l.trainLoss));
      h.val.push(round(l.valLoss));
      h.l2.push(round(l.l2NormSq));
    });
  }

  async checkpoint(t: Timeline, now: number): Promise<{ revision: number; step: number; hash: string }> {
    const step = stepAt(t, now);
    const sim = await this.advance(t, step);
    return { revision: t.revision, step: sim.step, hash: sim.weightsHash() };
  }

  /** The full state at `step`, and the loss history up to it (a late or reloaded screen draws its chart from it). */
  async keyframe(t: Timeline, step: number): Promise<{ keyframe: Keyframe; history: LossHistory }> {
    const sim = await this.advance(t, Math.min(step, t.maxSteps));
    let n = this.history.steps.length;
    while (n > 0 && this.history.steps[n - 1] > sim.step) n--;
    const history = { steps: this.history.steps.slice(0, n), lanes: this.history.lanes.map((l) => ({ train: l.train.slice(0, n), val: l.val.slice(0, n), l2: l.l2.slice(0, n) })) };
    return { keyframe: snapshot(sim), history };
  }
}
