import { detCos, detSin, PI } from "../math/detmath.ts";
import { gaussian } from "../math/gaussian.ts";
import { Prng } from "../math/prng.ts";
import type { Dataset } from "./dataset.ts";

export const SHAPES_2D = ["moons", "circles", "xor", "spiral"] as const;
export type Shape2d = (typeof SHAPES_2D)[number];

export interface Classification2dOptions {
  shape: Shape2d;
  nTrain: number;
  nVal: number;
  noise: number;
}

/** One labelled point of the given shape, roughly within [−1.5, 1.5]². */
function samplePoint(shape: Shape2d, rng: Prng, noise: number, out: Float64Array, o: number): number {
  const label = rng.nextFloat() < 0.5 ? 0 : 1;
  let x: number;
  let y: number;
  switch (shape) {
    case "moons": {
      const t = PI * rng.nextFloat();
      if (label === 0) { x = detCos(t); y = detSin(t); } else { x = 1 - detCos(t); y = 0.5 - detSin(t); }
      x = (x - 0.5) * 1.2;
      y = (y - 0.25) * 1.2;
      break;
    }
    case "circles": {
      const t = 2 * PI * rng.nextFloat();
      const r = label === 0 ? 1.2 : 0.5;
      x = r * detCos(t);
      y = r * detSin(t);
      break;
    }
    case "xor": {
      x = rng.uniform(-1.2, 1.2);
      y = rng.uniform(-1.2, 1.2);
      // Keep a small margin off the axes so the clean problem is separable.
      x += x > 0 ? 0.1 : -0.1;
      y += y > 0 ? 0.1 : -0.1;
      out[o] = x + noise * gaussian(rng);
      out[o + 1] = y + noise * gaussian(rng);
      return x * y > 0 ? 1 : 0;
    }
    case "spiral": {
      const t = rng.nextFloat();
      const r = 0.15 + 1.25 * t;
      const angle = 1.75 * 2 * PI * t + (label === 1 ? PI : 0);
      x = r * detSin(angle);
      y = r * detCos(angle);
      break;
    }
    default: {
      const never: never = shape;
      throw new Error(`unknown shape ${String(never)}`);
    }
  }
  out[o] = x + noise * gaussian(rng);
  out[o + 1] = y + noise * gaussian(rng);
  return label;
}

/** Two-class points in the plane: two moons, circles, XOR or a two-armed spiral. */
export function classification2d(seed: number, opts: Classification2dOptions): Dataset {
  const rng = new Prng(seed);
  const make = (n: number) => {
    const X = new Float64Array(n * 2);
    const Y = new Float64Array(n);
    for (let i = 0; i < n; i++) Y[i] = samplePoint(opts.shape, rng, opts.noise, X, i * 2);
    return { X, Y };
  };
  const train = make(opts.nTrain);
  const val = make(opts.nVal);
  return {
    task: "classification", nFeatures: 2,
    trainX: train.X, trainY: train.Y, valX: val.X, valY: val.Y, nTrain: opts.nTrain, nVal: opts.nVal,
    rawDim: 2, rawTrainX: train.X, rawValX: val.X,
  };
}
