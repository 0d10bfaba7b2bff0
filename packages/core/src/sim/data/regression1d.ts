import { detSin, PI } from "../math/detmath.ts";
import { gaussian } from "../math/gaussian.ts";
import { Prng } from "../math/prng.ts";
import type { Dataset, FeatureMap } from "./dataset.ts";

export interface Regression1dOptions {
  nTrain: number;
  nVal: number;
  noise: number;
  featureMap: FeatureMap;
}

/** The smooth curve behind the 1-D data: one period of a sine on [−1, 1]. */
export function trueCurve(x: number): number {
  return detSin(PI * x);
}

/**
 * Noisy samples of a smooth curve on [−1, 1]. Training inputs are stratified (one per
 * equal-width bin, jittered) so a dozen points cover the interval the way a textbook
 * figure does; validation inputs are uniform.
 */
export function regression1d(seed: number, opts: Regression1dOptions): Dataset {
  const rng = new Prng(seed);
  const { nTrain, nVal, noise, featureMap } = opts;
  const rawTrainX = new Float64Array(nTrain);
  const trainY = new Float64Array(nTrain);
  for (let i = 0; i < nTrain; i++) {
    const x = -1 + (2 * (i + rng.nextFloat())) / nTrain;
    rawTrainX[i] = x;
    trainY[i] = trueCurve(x) + noise * gaussian(rng);
  }
  const rawValX = new Float64Array(nVal);
  const valY = new Float64Array(nVal);
  for (let i = 0; i < nVal; i++) {
    const x = rng.uniform(-1, 1);
    rawValX[i] = x;
    valY[i] = trueCurve(x) + noise * gaussian(rng);
  }
  const d = featureMap.outDim;
  const trainX = new Float64Array(nTrain * d);
  const valX = new Float64Array(nVal * d);
  for (let i = 0; i < nTrain; i++) featureMap.apply(rawTrainX, i, trainX, i * d);
  for (let i = 0; i < nVal; i++) featureMap.apply(rawValX, i, valX, i * d);
  return { task: "regression", nFeatures: d, trainX, trainY, valX, valY, nTrain, nVal, rawDim: 1, rawTrainX, rawValX, featureMap };
}
