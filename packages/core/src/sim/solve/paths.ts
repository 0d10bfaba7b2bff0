import { detLogspace } from "../math/detmath.ts";
import { elasticNetCD, ridgeClosedForm } from "./linearSolvers.ts";

export interface RegularizationPath {
  penalty: "l1" | "l2";
  lambdas: number[];
  /** weights[k][j]: weight j at lambdas[k]. */
  weights: number[][];
  zeroWeights: number[];
}

/**
 * Weights against λ on a log grid from 10^logMin to 10^logMax: ridge by its closed form,
 * lasso by coordinate descent warm-started from the next larger λ (the standard pathwise
 * strategy: from all-zero at large λ toward the dense solution).
 */
export function regularizationPath(
  X: Float64Array, y: Float64Array, n: number, d: number,
  penalty: "l1" | "l2", logMin = -4, logMax = 1, count = 40,
): RegularizationPath {
  const lambdas = detLogspace(logMin, logMax, count);
  const weights: number[][] = new Array(count);
  const zeroWeights: number[] = new Array(count);
  let warm: Float64Array | undefined;
  for (let k = count - 1; k >= 0; k--) {
    const sol = penalty === "l2"
      ? ridgeClosedForm(X, y, n, d, lambdas[k])
      : elasticNetCD(X, y, n, d, lambdas[k], 0, { init: warm, tolerance: 1e-12 });
    warm = sol.weights;
    weights[k] = Array.from(sol.weights);
    zeroWeights[k] = sol.weights.reduce((c, w) => c + (w === 0 ? 1 : 0), 0);
  }
  return { penalty, lambdas, weights, zeroWeights };
}
