import { resume, snapshot, Simulation, type Keyframe } from "@livelab/core/sim";
import type { LossHistory } from "@livelab/core/protocol";
import { stepAt, type Timeline } from "@livelab/core/session";

/** Keyframes are kept every `keyframeSpacing(t)` steps: at least 50 apart, at most ~32 per run. */
export const MIN_KEYFRAME_SPACING = 50;
const MAX_KEPT_KEYFRAMES = 32;

export function keyframeSpacing(t: Pick<Timeline, "maxSteps">): number {
  return Math.max(MIN_KEYFRAME_SPACING, Math.ceil(t.maxSteps / MAX_KEPT_KEYFRAMES));
}

/** About this many points of loss history per run: enough for a chart, small enough to send to a late phone. */
const HISTORY_POINTS = 300;

/** Losses to 5 significant digits: the chart's precision, a third of the bytes. */
const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(5)) : x);

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
 *
 * It also records the loss history (about HISTORY_POINTS points per run) the first time it
 * passes each point, so a late or reloaded screen draws the whole chart from its keyframe.
 */
export class SimRunner {
  private sim: Simulation | null = null;
  private key = "";
  private spacing = MIN_KEYFRAME_SPACING;
  private lastStep = 0;
  /** step → keyframe of the simulation `key` names. */
  private readonly kept = new Map<number, Keyframe>();
  private history: LossHistory = { steps: [], lanes: [] };
  private stride = 1;
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
      this.stride = Math.max(1, Math.ceil(t.maxSteps / HISTORY_POINTS));
      this.history = { steps: [], lanes: [] };
    }
    if (!this.sim || this.sim.step > step) this.sim = this.startAt(t, step);
    const sim = this.sim;
    while (sim.step < step) {
      const sliceEnd = performance.now() + 6;
      while (sim.step < step && performance.now() < sliceEnd) {
        sim.stepOnce();
        if (this.keeps(sim.step) && !this.kept.has(sim.step)) this.kept.set(sim.step, snapshot(sim));
        this.record(sim);
      }
      if (sim.step < step) await new Promise((r) => setImmediate(r));
    }
    return sim;
  }

  /** Keyframes are kept every `spacing` steps and at the run's last step (where a finished run rests). */
  private keeps(step: number): boolean {
    return step % this.spacing === 0 || step === this.lastStep;
  }

  /** One point of the loss history, at every `stride` steps past the furthest recorded (a replay records nothing twice). */
  private record(sim: Simulation): void {
    if (sim.step % this.stride !== 0) return;
    const recorded = this.history.steps;
    if (recorded.length > 0 && sim.step <= recorded[recorded.length - 1]) return;
    const m = sim.metrics();
    if (this.history.lanes.length === 0) this.history.lanes = m.lanes.map(() => ({ train: [], val: [], l2: [] }));
    recorded.push(sim.step);
    m.lanes.forEach((l, i) => {
      const h = this.history.lanes[i];
      h.train.push(round(l.trainLoss));
      h.val.push(round(l.valLoss));
      h.l2.push(round(l.l2NormSq));
    });
  }

  /** A simulation at the kept keyframe nearest at or before `step` (step 0 if none). */
  private startAt(t: Timeline, step: number): Simulation {
    let from = -1;
    for (const s of this.kept.keys()) if (s <= step && s > from) from = s;
    if (from >= 0) return resume(this.kept.get(from)!, t.changes);
    const sim = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
    this.kept.set(0, snapshot(sim));
    this.record(sim);
    return sim;
  }

  async checkpoint(t: Timeline, now: number): Promise<{ revision: number; step: number; hash: string }> {
    const step = stepAt(t, now);
    const sim = await this.advance(t, step);
    return { revision: t.revision, step: sim.step, hash: sim.weightsHash() };
  }

  /**
   * The kept keyframe at or just before `step` (at most `keyframeSpacing` steps before it, or
   * the last step itself), with the loss history up to it: a client resumes from it, computes
   * the few steps left itself and draws its chart. `step` is within the run (the caller refuses
   * steps past `t.maxSteps`).
   */
  async keyframe(t: Timeline, step: number): Promise<{ keyframe: Keyframe; history: LossHistory }> {
    const at = step >= t.maxSteps ? t.maxSteps : Math.floor(step / keyframeSpacing(t)) * keyframeSpacing(t);
    const keyframe = SimRunner.keyOf(t) === this.key && this.kept.has(at) ? this.kept.get(at)! : await this.advance(t, at).then((sim) => this.kept.get(at) ?? snapshot(sim));
    return { keyframe, history: this.historyUpTo(keyframe.step) };
  }

  private historyUpTo(step: number): LossHistory {
    let n = this.history.steps.length;
    while (n > 0 && this.history.steps[n - 1] > step) n--;
    return { steps: this.history.steps.slice(0, n), lanes: this.history.lanes.map((l) => ({ train: l.train.slice(0, n), val: l.val.slice(0, n), l2: l.l2.slice(0, n) })) };
  }
}
