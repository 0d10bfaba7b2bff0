import { sparseLinear } from "../data/sparseLinear.ts";
import {
  intParam, l1ModeParam, lambdaParam, lrParam, momentumParam, numParam, optimizerParam,
  type ParamDefs, type ParamValues,
} from "./params.ts";
import { hyperFromParams, singleLane, type LaneDef, type Preset } from "./preset.ts";

const sparseParams: ParamDefs = {
  nTrain: intParam("training points", 40, 10, 500),
  nVal: intParam("validation points", 200, 10, 2000),
  nFeatures: intParam("features", 20, 2, 50),
  nRelevant: intParam("relevant features", 4, 1, 8),
  correlation: numParam("feature correlation ρ", 0.5, 0, 0.95),
  noise: numParam("noise σ", 0.5, 0, 5),
};

const sparseData = (p: ParamValues, seed: number) =>
  sparseLinear(seed, {
    nTrain: p.nTrain as number, nVal: p.nVal as number, nFeatures: p.nFeatures as number,
    nRelevant: p.nRelevant as number, correlation: p.correlation as number, noise: p.noise as number,
  });

const linearNet = (_p: ParamValues, data: { nFeatures: number }) => ({
  inputDim: data.nFeatures, hidden: [], activation: "tanh" as const, task: "regression" as const,
});

/** One lane with L1 only and one with L2 only, both at the shared λ. */
const l1VsL2Lanes: readonly LaneDef[] = [
  { id: "l1", label: "L1 (lasso)", hyper: (p) => hyperFromParams(p, { l1: p.lambda as number, l2: 0 }) },
  { id: "l2", label: "L2 (ridge)", hyper: (p) => hyperFromParams(p, { l1: 0, l2: p.lambda as number }) },
];

/** Activities 7 and 17 (elastic net): many features, few relevant; L1 zeroes the rest. */
export const sparseLinearPreset: Preset = {
  id: "sparse-linear",
  title: "Sparse linear regression",
  summary: "20 correlated features, only 4 of which matter. L1 (proximal) drives the others to exactly 0; L2 only shrinks them.",
  params: {
    ...sparseParams,
    l1: lambdaParam("λ₁ (L1)", 0.1),
    l2: lambdaParam("λ₂ (L2)", 0),
    l1Mode: l1ModeParam("proximal"),
    optimizer: optimizerParam("sgd"),
    lr: lrParam(0.05),
    momentum: momentumParam,
  },
  playback: { stepsPerSecond: 30, defaultSteps: 600 },
  dataset: sparseData,
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  controls: ["l1", "l2", "l1Mode"],
  lanes: singleLane,
  linear: true,
};

/** Activity 7, side by side: the same λ as L1 and as L2 on the same sparse data. */
export const l1VsL2: Preset = {
  id: "l1-vs-l2",
  title: "L1 vs L2 at the same λ",
  summary: "Two models on the same sparse data: one penalized with λ‖w‖₁, one with λ‖w‖₂². Count the exact zeros.",
  params: {
    ...sparseParams,
    lambda: lambdaParam("λ", 0.1),
    l1Mode: l1ModeParam("proximal"),
    optimizer: optimizerParam("sgd"),
    lr: lrParam(0.05),
    momentum: momentumParam,
  },
  playback: { stepsPerSecond: 30, defaultSteps: 600 },
  dataset: sparseData,
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  controls: ["lambda", "l1Mode"],
  lanes: l1VsL2Lanes,
  linear: true,
};

/** Activity 8: two weights, elliptical loss contours, the diamond and the circle. */
export const constraintGeometryPreset: Preset = {
  id: "constraint-geometry",
  title: "Constraint geometry: diamond vs circle",
  summary: "A two-weight regression with correlated features. The loss contours are ellipses; the L1 solution sits on a corner of the diamond (one weight exactly 0), the L2 solution on the circle.",
  params: {
    nTrain: intParam("training points", 50, 10, 500),
    nVal: intParam("validation points", 100, 10, 1000),
    correlation: numParam("feature correlation ρ", 0.6, 0, 0.95),
    noise: numParam("noise σ", 0.3, 0, 5),
    lambda: lambdaParam("λ", 0.6),
    l1Mode: l1ModeParam("proximal"),
    optimizer: optimizerParam("sgd"),
    lr: lrParam(0.05),
    momentum: momentumParam,
  },
  playback: { stepsPerSecond: 20, defaultSteps: 300 },
  dataset: (p, seed) =>
    sparseLinear(seed, {
      nTrain: p.nTrain as number, nVal: p.nVal as number, nFeatures: 2, nRelevant: 2,
      correlation: p.correlation as number, noise: p.noise as number, weights: [1.5, 0.1],
    }),
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  controls: ["lambda"],
  lanes: l1VsL2Lanes,
  linear: true,
  geometry: true,
};
