import { gaussian } from "../math/gaussian.ts";
import { Prng } from "../math/prng.ts";
import type { Dataset } from "./dataset.ts";

export interface SparseLinearOptions {
  nTrain: number;
  nVal: number;
  nFeatures: number;
  nRelevant: number;
  /** Correlation between neighbouring features (AR(1) with this coefficient). */
  correlation: number;
  noise: number;
  /** Fixed nonzero true weights (in order of the relevant features) instead of the default magnitudes. */
  weights?: readonly number[];
}

/**
 * Linear data where only a few features matter: y = Xw* + noise with `nRelevant` nonzero
 * entries in w*. Features are standard normal with correlation ρ^|i−j| between features i
 * and j, so a relevant feature has correlated, irrelevant neighbours — the situation where
 * lasso alone is unstable and elastic net helps.
 */
export function sparseLinear(seed: number, opts: SparseLinearOptions): Dataset {
  const rng = new Prng(seed);
  const { nTrain, nVal, nFeatures: d, nRelevant, correlation: rho, noise } = opts;
  const trueWeights = new Float64Array(d);
  // Relevant features spread evenly over the index range; magnitudes in a readable range.
  const magnitudes = [2.0, -1.5, 1.0, 0.75, -0.6, 0.5, 0.4, -0.3];
  for (let k = 0; k < nRelevant; k++) {
    const j = Math.floor(((k + 0.5) * d) / nRelevant);
    const jitter = 0.8 + 0.4 * rng.nextFloat();
    trueWeights[j] = opts.weights ? opts.weights[k] : magnitudes[k % magnitudes.length] * jitter;
  }
  const sample = (n: number) => {
    const X = new Float64Array(n * d);
    const Y = new Float64Array(n);
    const innov = Math.sqrt(1 - rho * rho);
    for (let i = 0; i < n; i++) {
      let prev = gaussian(rng);
      X[i * d] = prev;
      for (let j = 1; j < d; j++) {
        prev = rho * prev + innov * gaussian(rng);
        X[i * d + j] = prev;
      }
      let y = 0;
      for (let j = 0; j < d; j++) y += X[i * d + j] * trueWeights[j];
      Y[i] = y + noise * gaussian(rng);
    }
    return { X, Y };
  };
  const train = sample(nTrain);
  const val = sample(nVal);
  return {
    task: "regression", nFeatures: d,
    trainX: train.X, trainY: train.Y, valX: val.X, valY: val.Y, nTrain, nVal,
    rawDim: d, rawTrainX: train.X, rawValX: val.X, trueWeights,
  };
}
