import { snapshot, Simulation, type Keyframe } from "@livelab/core/sim";
import { stepAt, type Timeline } from "@livelab/core/session";

/**
 * The server's own copy of a session's simulation: it computes the same steps as every
 * client, so it can publish checkpoint hashes and hand out keyframes. Long jumps are
 * computed in slices of a few milliseconds, yielding to the event loop between slices, so a
 * seek never stalls the sockets of a 2,000-student room.
 */
export class SimRunner {
  private sim: Simulation | null = null;
  private key = "";
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
    }
    const sim = this.sim;
    while (sim.step < step) {
      const sliceEnd = performance.now() + 6;
      while (sim.step < step && performance.now() < sliceEnd) sim.stepOnce();
      if (sim.step < step) await new Promise((r) => setImmediate(r));
    }
    return sim;
  }

  async checkpoint(t: Timeline, now: number): Promise<{ revision: number; step: number; hash: string }> {
    const step = stepAt(t, now);
    const sim = await this.advance(t, step);
    return { revision: t.revision, step: sim.step, hash: sim.weightsHash() };
  }

  async keyframe(t: Timeline, step: number): Promise<Keyframe> {
    const sim = await this.advance(t, Math.min(step, t.maxSteps));
    return snapshot(sim);
  }
}
