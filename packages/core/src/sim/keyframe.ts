import { SimError } from "./errors.ts";
import { base64ToFloat64, base64ToUint32, float64ToBase64, uint32ToBase64 } from "./math/base64.ts";
import type { PrngState } from "./math/prng.ts";
import type { ParamValues } from "./presets/params.ts";
import { Simulation, type ParamChange } from "./simulation.ts";

export const KEYFRAME_VERSION = 1;

/** One lane's complete training state: resuming from it continues bit-identically. */
export interface LaneKeyframe {
  params: string;
  m: string;
  v: string;
  beta1Pow: number;
  beta2Pow: number;
  rng: PrngState;
  order: string;
  cursor: number;
  step: number;
  stopped: boolean;
  best: { step: number; valLoss: number; params: string } | null;
  /** The last dropout masks, for drawing the thinned network right after resuming. */
  mask: number[][];
}

/**
 * A compact, JSON-serializable snapshot of a simulation: float arrays as little-endian
 * base64 (exact bits, about 11 characters per weight). The data is not included: it is
 * regenerated from (preset, base params, seed).
 */
export interface Keyframe {
  v: typeof KEYFRAME_VERSION;
  presetId: string;
  seed: number;
  baseParams: ParamValues;
  params: ParamValues;
  step: number;
  lanes: LaneKeyframe[];
}

export function snapshot(sim: Simulation): Keyframe {
  return {
    v: KEYFRAME_VERSION,
    presetId: sim.preset.id,
    seed: sim.seed,
    baseParams: { ...sim.baseParams },
    params: { ...sim.params },
    step: sim.step,
    lanes: sim.lanes.map((t) => ({
      params: float64ToBase64(t.params),
      m: float64ToBase64(t.opt.m),
      v: float64ToBase64(t.opt.v),
      beta1Pow: t.opt.beta1Pow,
      beta2Pow: t.opt.beta2Pow,
      rng: t.rng.getState(),
      order: uint32ToBase64(t.order),
      cursor: t.cursor,
      step: t.step,
      stopped: t.stopped,
      best: t.best ? { step: t.best.step, valLoss: t.best.valLoss, params: float64ToBase64(t.best.params) } : null,
      mask: t.net.lastMask.map((m) => Array.from(m)),
    })),
  };
}

/**
 * Rebuild a simulation from a keyframe, with the timeline changes still to come (changes
 * at or before the keyframe's step are already folded into `params`).
 */
export function resume(kf: Keyframe, changes: readonly ParamChange[] = []): Simulation {
  if (kf === null || typeof kf !== "object" || kf.v !== KEYFRAME_VERSION || !Array.isArray(kf.lanes)) {
    throw new SimError("BAD_KEYFRAME", "not a LiveLab keyframe of version " + KEYFRAME_VERSION);
  }
  const sim = Simulation.create({
    presetId: kf.presetId,
    seed: kf.seed,
    params: kf.baseParams,
    changes: changes.filter((c) => c.step > kf.step),
  });
  if (kf.lanes.length !== sim.lanes.length) throw new SimError("BAD_KEYFRAME", "keyframe has the wrong number of lanes");
  // Validate the current params the same way a change would be.
  const current = Simulation.create({ presetId: kf.presetId, seed: kf.seed, params: kf.params }).params;
  sim.params = current;
  kf.lanes.forEach((lk, i) => {
    const t = sim.lanes[i];
    const params = base64ToFloat64(lk.params);
    if (params.length !== t.params.length) throw new SimError("BAD_KEYFRAME", "keyframe weights do not fit this model");
    t.params.set(params);
    t.opt.m.set(base64ToFloat64(lk.m));
    t.opt.v.set(base64ToFloat64(lk.v));
    t.opt.beta1Pow = lk.beta1Pow;
    t.opt.beta2Pow = lk.beta2Pow;
    t.rng.setState(lk.rng);
    t.order.set(base64ToUint32(lk.order));
    t.cursor = lk.cursor;
    t.step = lk.step;
    t.stopped = lk.stopped;
    t.best = lk.best ? { step: lk.best.step, valLoss: lk.best.valLoss, params: base64ToFloat64(lk.best.params) } : null;
    lk.mask.forEach((m, l) => t.net.lastMask[l]?.set(m));
    t.hyper = sim.preset.lanes[i].hyper(current);
    t.touch();
  });
  return sim;
}
