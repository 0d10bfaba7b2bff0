/**
 * The penalty Ω: l1·‖w‖₁ + l2·‖w‖₂², over the penalized parameters only (weights, never
 * biases). This is the source's λ‖w‖₂² convention: its gradient is 2·l2·w, so one SGD step
 * with zero data gradient multiplies w by (1 − 2ηλ).
 */
export type L1Mode = "subgradient" | "proximal";

export interface PenaltyValues {
  l1Norm: number;
  l2NormSq: number;
  zeroWeights: number;
  penalty: number;
}

export function penaltyValues(params: Float64Array, penalized: Uint8Array, l1: number, l2: number): PenaltyValues {
  let l1Norm = 0;
  let l2NormSq = 0;
  let zeroWeights = 0;
  for (let j = 0; j < params.length; j++) {
    if (penalized[j] === 0) continue;
    const w = params[j];
    l1Norm += Math.abs(w);
    l2NormSq += w * w;
    if (w === 0) zeroWeights++;
  }
  return { l1Norm, l2NormSq, zeroWeights, penalty: l1 * l1Norm + l2 * l2NormSq };
}

/**
 * Soft-thresholding, the proximal operator of t·|w|: shrink toward 0 by t and stop exactly
 * at 0. This is what makes L1 produce exact zeros, which a subgradient step never does.
 */
export function softThreshold(w: number, t: number): number {
  if (w > t) return w - t;
  if (w < -t) return w + t;
  return 0;
}

/** sign(w) with sign(0) = 0 (a valid choice from the subdifferential [−1, 1]). */
export function sign(w: number): number {
  return w > 0 ? 1 : w < 0 ? -1 : 0;
}

/**
 * Gradient (subgradient for L1, with sign(0) = 0) of the penalty, added into `out`.
 * The optimizers inline the same arithmetic for speed; tests hold the two together.
 */
export function addPenaltyGradient(params: Float64Array, penalized: Uint8Array, l1: number, l2: number, out: Float64Array): void {
  for (let j = 0; j < params.length; j++) {
    if (penalized[j] === 0) continue;
    out[j] += 2 * l2 * params[j] + l1 * sign(params[j]);
  }
}
