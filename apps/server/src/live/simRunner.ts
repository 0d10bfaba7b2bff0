import { resume, snapshot, Simulation, type Keyframe } from "@livelab/core/sim";
import { stepAt, type Timeline } from "@livelab/core/session";

/** Keyframes are kept every `keyframeSpacing(t)` steps: at least 50 apart, at most ~32 per run. */
export const MIN_KEYFRAME_SPACING = 50;
const MAX_KEPT_KEYFRAMES = 32;

export function keyframeSpacing(t: Pick<Timeline, "maxSteps">): number {
  return Math.max(MIN_KEYFRAME_SPACING, Math.ceil(t.maxSteps / MAX_KEPT_KEYFRAMES));
}

/**
 * The server's own copy of a session's simulation: it computes the same steps as every
 * client, so it can publish checkpoint hashes and hand out keyframes. Long jumps are
 * computed in slices of a few milliseconds, yielding to the event loop between slices, so a
 * seek never stalls the sockets of a 2,000-student room.
 *
 * Every `keyframeSpacing` steps it passes, it keeps a keyframe (for the simulation as the
 * timeline defines it: preset, parameters, seed and changes — play, pause and seek do not
 * change it). A keyframe request is answered from those, and a jump backwards resumes from the
 * nearest one instead of replaying from step 0: once a run has been computed, any step costs at
 * most `keyframeSpacing` steps. Before, a student alternating requests for the last step and
 * step 0 made the server replay the whole run each time (issue 12 (5)).
 */
export class SimRunner {
  private sim: Simulation | null = null;
  private key = "";
  private spacing = MIN_KEYFRAME_SPACING;
  private lastStep = 0;
  /** step → keyframe of the simulation `key` names. */
  private readonly kept = new Map<number, Keyframe>();
  private busy: Promise<unknown> = Promise.resolve();

  private static keyOf(t: Timeline): string {
    return JSON.stringify([t.presetId, t.params, t.seed, t.changes, t.maxSteps]);
  }

  /** Bring the simulation to `step` of timeline `t`. Calls are serialized. */
  advance(t: Timeline, step: number): Promise<Simulation> {
    const run = this.busy.then(() => this.advanceNow(t, step));
    this.busy = run.catch(() => undefined);
    return run;
  }

  /** Keyframes kept for the current simulation (for tests and metrics). */
  get keptKeyframes(): number {
    return this.kept.size;
  }

  private async advanceNow(t: Timeline, step: number): Promise<Simulation> {
    const key = SimRunner.keyOf(t);
    if (key !== this.key) {
      this.key = key;
      this.sim = null;
      this.kept.clear();
      this.spacing = keyframeSpacing(t);
      this.lastStep = t.maxSteps;
    }
    if (!this.sim || this.sim.step > step) this.sim = this.startAt(t, step);
    const sim = this.sim;
    while (sim.step < step) {
      const sliceEnd = performance.now() + 6;
      while (sim.step < step && performance.now() < sliceEnd) {
        sim.stepOnce();
        if (this.keeps(sim.step) && !this.kept.has(sim.step)) this.kept.set(sim.step, snapshot(sim));
      }
      if (sim.step < step) await new Promise((r) => setImmediate(r));
    }
    return sim;
  }

  /** Keyframes are kept every `spacing` steps and at the run's last step (where a finished run rests). */
  private keeps(step: number): boolean {
    return step % this.spacing === 0 || step === this.lastStep;
  }

  /** A simulation at the kept keyframe nearest at or before `step` (step 0 if none). */
  private startAt(t: Timeline, step: number): Simulation {
    let from = -1;
    for (const s of this.kept.keys()) if (s <= step && s > from) from = s;
    if (from >= 0) return resume(this.kept.get(from)!, t.changes);
    const sim = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
    this.kept.set(0, snapshot(sim));
    return sim;
  }

  async checkpoint(t: Timeline, now: number): Promise<{ revision: number; step: number; hash: string }> {
    const step = stepAt(t, now);
    const sim = await this.advance(t, step);
    return { revision: t.revision, step: sim.step, hash: sim.weightsHash() };
  }

  /**
   * The kept keyframe at or just before `step` (at most `keyframeSpacing` steps before it, or
   * the last step itself): a client resumes from it and computes the few steps left itself.
   * `step` is within the run (the caller refuses steps past `t.maxSteps`).
   */
  async keyframe(t: Timeline, step: number): Promise<Keyframe> {
    const at = step >= t.maxSteps ? t.maxSteps : Math.floor(step / keyframeSpacing(t)) * keyframeSpacing(t);
    if (SimRunner.keyOf(t) === this.key && this.kept.has(at)) return this.kept.get(at)!;
    const sim = await this.advance(t, at);
    return this.kept.get(at) ?? snapshot(sim);
  }
}
