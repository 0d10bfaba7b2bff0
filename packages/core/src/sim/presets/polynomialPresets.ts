import { legendreFeatures } from "../data/legendre.ts";
import { regression1d } from "../data/regression1d.ts";
import {
  intParam, l1ModeParam, lambdaParam, lrParam, momentumParam, numParam, optimizerParam,
  type ParamDefs, type ParamValues,
} from "./params.ts";
import { singleLane, type Preset } from "./preset.ts";

/** Parameters of the 1-D polynomial regression family. */
const polyParams = (dflt: { nTrain: number; noise: number; l2: number; lr: number }): ParamDefs => ({
  degree: intParam("polynomial degree", 9, 1, 15),
  nTrain: intParam("training points", dflt.nTrain, 4, 200),
  nVal: intParam("validation points", 100, 10, 1000),
  noise: numParam("noise σ", dflt.noise, 0, 2),
  l2: lambdaParam("λ (L2)", dflt.l2),
  l1: lambdaParam("λ (L1)", 0),
  l1Mode: l1ModeParam("proximal"),
  optimizer: optimizerParam("adam"),
  lr: lrParam(dflt.lr),
  momentum: momentumParam,
});

const polyData = (p: ParamValues, seed: number) =>
  regression1d(seed, {
    nTrain: p.nTrain as number,
    nVal: p.nVal as number,
    noise: p.noise as number,
    featureMap: legendreFeatures(p.degree as number),
  });

const linearNet = (_p: ParamValues, data: { nFeatures: number }) => ({
  inputDim: data.nFeatures, hidden: [], activation: "tanh" as const, task: "regression" as const,
});

/** Activity 2: a degree-9 polynomial through a dozen noisy points. */
export const overfitPoly: Preset = {
  id: "overfit-poly",
  title: "Overfitting a polynomial",
  summary: "A degree-9 polynomial fitted to 12 noisy samples of a sine: training loss falls toward 0 while validation loss climbs. Raise λ (L2) to tame the wiggles.",
  params: polyParams({ nTrain: 12, noise: 0.25, l2: 0, lr: 0.02 }),
  playback: { stepsPerSecond: 20, defaultSteps: 1500 },
  dataset: polyData,
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  controls: ["l2"],
  lanes: singleLane,
  linear: true,
};

/** Activity 20: the same overfitting run, with the best validation step tracked. */
export const earlyStopping: Preset = {
  id: "early-stopping",
  title: "Early stopping",
  summary: "The overfitting run again, watching validation loss: the best step is marked and its weights can be restored. With patience > 0 training stops by itself.",
  params: { ...polyParams({ nTrain: 12, noise: 0.25, l2: 0, lr: 0.02 }), patience: intParam("patience (0 = never stop)", 0, 0, 100_000) },
  playback: { stepsPerSecond: 20, defaultSteps: 1500 },
  dataset: polyData,
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  earlyStopping: (p) => ({ patience: p.patience as number }),
  controls: [],
  lanes: singleLane,
  linear: true,
};

/** Activity 6: each student trains the polynomial with their own λ; the class draws the U-curve. */
export const lambdaExperiment: Preset = {
  id: "lambda-experiment",
  title: "Class experiment: find the best λ",
  summary: "Every student picks λ (L2) on a log slider; the server trains each choice on the same data. Validation loss against λ, plotted for the whole class, is U-shaped.",
  params: polyParams({ nTrain: 12, noise: 0.3, l2: 0.001, lr: 0.05 }),
  playback: { stepsPerSecond: 60, defaultSteps: 1500 },
  dataset: polyData,
  network: linearNet,
  batchSize: (p) => p.nTrain as number,
  controls: [],
  lanes: singleLane,
  linear: true,
  experiment: { param: "l2", label: "λ (L2)", min: 1e-6, max: 10, allowZero: true, scale: "log", steps: 1500 },
};
