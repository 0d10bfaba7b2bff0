import type { Dataset } from "./data/dataset.ts";
import { SimError } from "./errors.ts";
import { hashFloat64Arrays } from "./math/hash.ts";
import { mixSeed } from "./math/prng.ts";
import { checkParam, resolveParams, type ParamValues } from "./presets/params.ts";
import type { Preset } from "./presets/preset.ts";
import { getPreset } from "./presets/registry.ts";
import { Trainer, type StepMetrics } from "./train/trainer.ts";

/** A parameter change that takes effect at `step`: the update from step to step + 1 uses it. */
export interface ParamChange {
  step: number;
  params: Record<string, unknown>;
}

/** Everything that determines a run: `(presetId, params, seed)` plus timed parameter changes. */
export interface SimSpec {
  presetId: string;
  params?: Record<string, unknown>;
  seed: number;
  changes?: readonly ParamChange[];
}

export interface LaneMetrics extends StepMetrics {
  lane: string;
  label: string;
}

/**
 * Metrics of a whole simulation at one step: the first lane's numbers at the top level (the
 * only lane for most presets), every lane under `lanes`, and `weightsHash` over all lanes'
 * weights, so one hash tells two clients whether they are in lockstep.
 */
export interface SimMetrics extends StepMetrics {
  lanes: LaneMetrics[];
}

/** The largest step a simulation may be asked for (keeps a bad request from hanging a server). */
export const MAX_STEP = 1_000_000;

/**
 * A deterministic run of a preset along a timeline. Same spec → same weights at every step,
 * bit for bit, in every JavaScript engine. Live parameters may change at any step; structural
 * ones (data, architecture) are fixed for the run.
 */
export class Simulation {
  readonly preset: Preset;
  readonly seed: number;
  /** Parameters the run started with (after defaults and validation). */
  readonly baseParams: ParamValues;
  /** Parameters in force now. */
  params: ParamValues;
  readonly dataset: Dataset;
  lanes: Trainer[];
  private changes: NormalizedChange[];

  private constructor(preset: Preset, seed: number, baseParams: ParamValues, changes: readonly ParamChange[]) {
    this.preset = preset;
    this.seed = seed;
    this.baseParams = baseParams;
    this.params = { ...baseParams };
    this.changes = normalizeChanges(preset, changes);
    this.dataset = preset.dataset(baseParams, mixSeed(seed, 1));
    this.lanes = this.freshLanes();
    this.applyChangesAt(0);
  }

  static create(spec: SimSpec): Simulation {
    const preset = getPreset(spec.presetId);
    if (!Number.isSafeInteger(spec.seed)) throw new SimError("INVALID_PARAM", `seed must be an integer, got ${spec.seed}`);
    return new Simulation(preset, spec.seed, resolveParams(preset.params, spec.params ?? {}), spec.changes ?? []);
  }

  get step(): number {
    return this.lanes[0].step;
  }

  /** The timeline's parameter changes, sorted by step. */
  get timeline(): readonly NormalizedChange[] {
    return this.changes;
  }

  /** Advance (or rewind, by replaying from step 0) to `target`. */
  advanceTo(target: number): void {
    if (!Number.isInteger(target) || target < 0 || target > MAX_STEP) {
      throw new SimError("BAD_STEP", `step must be an integer in [0, ${MAX_STEP}], got ${target}`);
    }
    if (target < this.step) this.rewind();
    while (this.step < target) this.stepOnce();
  }

  /** One step of every lane, after applying any change scheduled at the current step. */
  stepOnce(): void {
    for (const lane of this.lanes) lane.trainStep();
    this.applyChangesAt(this.step);
  }

  /**
   * Add a change to the timeline. A change at the current step applies immediately; one in
   * the past rewinds (the next advanceTo replays with it); one in the future waits.
   */
  addChange(change: ParamChange): void {
    const [normalized] = normalizeChanges(this.preset, [change]);
    this.changes.push(normalized);
    this.changes.sort((a, b) => a.step - b.step);
    const now = this.step;
    if (normalized.step < now) {
      this.rewind();
      this.advanceTo(now);
    } else if (normalized.step === now) {
      this.applyParams(normalized.params);
    }
  }

  metrics(): SimMetrics {
    const lanes = this.lanes.map((t, i) => ({ lane: this.preset.lanes[i].id, label: this.preset.lanes[i].label, ...t.metrics() }));
    const { lane: _l, label: _b, ...first } = lanes[0];
    return { ...first, weightsHash: this.weightsHash(), lanes };
  }

  weightsHash(): string {
    return hashFloat64Arrays(this.lanes.map((t) => t.params));
  }

  /** Replace the lanes' trainers (used when resuming from a keyframe). */
  setLanes(lanes: Trainer[], params: ParamValues): void {
    this.lanes = lanes;
    this.params = { ...params };
  }

  private rewind(): void {
    this.params = { ...this.baseParams };
    this.lanes = this.freshLanes();
    this.applyChangesAt(0);
  }

  private freshLanes(): Trainer[] {
    const p = this.params;
    const network = this.preset.network(p, this.dataset);
    const batchSize = this.preset.batchSize(p, this.dataset);
    const es = this.preset.earlyStopping?.(p);
    // All lanes share one training seed: same initial weights, same batches, so the only
    // difference between them is what the lane varies.
    const trainSeed = mixSeed(this.seed, 2);
    return this.preset.lanes.map(
      (lane) =>
        new Trainer(this.dataset, { network, batchSize, trackBest: es !== undefined, patience: es?.patience ?? 0 }, lane.hyper(p), trainSeed),
    );
  }

  private applyChangesAt(step: number): void {
    for (const c of this.changes) if (c.step === step) this.applyParams(c.params);
  }

  private applyParams(values: ParamValues): void {
    this.params = { ...this.params, ...values };
    this.preset.lanes.forEach((lane, i) => {
      this.lanes[i].hyper = lane.hyper(this.params);
    });
  }
}

/** Validate changes: known, live parameters with valid values, at valid steps. */
type NormalizedChange = { step: number; params: ParamValues };

function normalizeChanges(preset: Preset, changes: readonly ParamChange[]): NormalizedChange[] {
  const out = changes.map((c) => {
    if (!Number.isInteger(c.step) || c.step < 0 || c.step > MAX_STEP) {
      throw new SimError("BAD_STEP", `change step must be an integer in [0, ${MAX_STEP}], got ${c.step}`);
    }
    const params: ParamValues = {};
    for (const [name, value] of Object.entries(c.params)) {
      if (!Object.hasOwn(preset.params, name)) throw new SimError("UNKNOWN_PARAM", `unknown parameter ${name} for preset ${preset.id}`);
      const def = preset.params[name];
      if (!def.live) throw new SimError("NOT_LIVE", `parameter ${name} of ${preset.id} fixes the data or the model; start a new run to change it`);
      params[name] = checkParam(name, def, value);
    }
    return { step: c.step, params };
  });
  return out.sort((a, b) => a.step - b.step);
}
