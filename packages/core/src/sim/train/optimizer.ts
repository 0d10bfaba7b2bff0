import { sign, softThreshold, type L1Mode } from "./regularizer.ts";

export const OPTIMIZERS = ["sgd", "adam", "adamw"] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export interface Hyper {
  optimizer: OptimizerKind;
  lr: number;
  /** SGD momentum μ (0 = plain SGD). */
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  l1: number;
  l2: number;
  l1Mode: L1Mode;
}

/** Optimizer state: first moment / velocity, second moment, running β powers. */
export interface OptimizerState {
  m: Float64Array;
  v: Float64Array;
  beta1Pow: number;
  beta2Pow: number;
}

export function newOptimizerState(n: number): OptimizerState {
  return { m: new Float64Array(n), v: new Float64Array(n), beta1Pow: 1, beta2Pow: 1 };
}

/**
 * One update of `params` from the data-loss gradient `grad`, with the penalty applied the way
 * each optimizer defines it:
 * - sgd:   g = ∇data + 2·l2·w (+ l1·sign(w) in subgradient mode); v = μv + g; w −= η·v.
 *          With μ = 0 and zero data gradient that is exactly w ← (1 − 2ηλ)·w.
 * - adam:  the L2 term is part of the gradient, so Adam's per-coordinate scaling divides it
 *          too: weights with large gradient history are barely decayed.
 * - adamw: decoupled decay w ← w − η·2·l2·w applied outside the adaptive step (same factor
 *          1 − 2ηλ as SGD per step), so every weight decays at the same predictable rate.
 * L1 in proximal mode: after the step, soft-threshold penalized weights by η·l1 (for Adam
 * this uses the base rate η, a common simplification). Biases are never penalized.
 */
export function optimizerStep(
  params: Float64Array, grad: Float64Array, penalized: Uint8Array,
  state: OptimizerState, h: Hyper,
): void {
  const n = params.length;
  const { lr, l1, l2 } = h;
  const subgradL1 = l1 > 0 && h.l1Mode === "subgradient";
  const proxL1 = l1 > 0 && h.l1Mode === "proximal";
  const threshold = lr * l1;
  const m = state.m;
  const v = state.v;
  if (h.optimizer === "sgd") {
    const mu = h.momentum;
    for (let j = 0; j < n; j++) {
      let g = grad[j];
      const w = params[j];
      const pen = penalized[j] === 1;
      if (pen) {
        if (l2 !== 0) g += 2 * l2 * w;
        if (subgradL1) g += l1 * sign(w);
      }
      let step = g;
      if (mu !== 0) {
        step = mu * m[j] + g;
        m[j] = step;
      }
      let next = w - lr * step;
      if (pen && proxL1) next = softThreshold(next, threshold);
      params[j] = next;
    }
    return;
  }
  const b1 = h.beta1;
  const b2 = h.beta2;
  state.beta1Pow *= b1;
  state.beta2Pow *= b2;
  const c1 = 1 / (1 - state.beta1Pow);
  const c2 = 1 / (1 - state.beta2Pow);
  const decoupled = h.optimizer === "adamw";
  const decay = 1 - lr * 2 * l2;
  for (let j = 0; j < n; j++) {
    let g = grad[j];
    let w = params[j];
    const pen = penalized[j] === 1;
    if (pen) {
      if (l2 !== 0) {
        if (decoupled) w *= decay;
        else g += 2 * l2 * w;
      }
      if (subgradL1) g += l1 * sign(params[j]);
    }
    const mj = b1 * m[j] + (1 - b1) * g;
    const vj = b2 * v[j] + (1 - b2) * g * g;
    m[j] = mj;
    v[j] = vj;
    let next = w - (lr * (mj * c1)) / (Math.sqrt(vj * c2) + h.eps);
    if (pen && proxL1) next = softThreshold(next, threshold);
    params[j] = next;
  }
}
