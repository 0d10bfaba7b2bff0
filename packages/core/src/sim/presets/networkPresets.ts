import { classification2d, SHAPES_2D, type Shape2d } from "../data/classification2d.ts";
import {
  intParam, keepProbParam, lambdaParam, lrParam, numParam, optimizerParam,
  type ParamDefs, type ParamValues,
} from "./params.ts";
import { hyperFromParams, singleLane, type Preset } from "./preset.ts";

const mlpParams = (dflt: { shape: Shape2d; nTrain: number; noise: number; width: number; depth: number; keepProb: number; l2: number; lr: number }): ParamDefs => ({
  shape: { type: "enum", label: "data", values: SHAPES_2D, default: dflt.shape, live: false },
  nTrain: intParam("training points", dflt.nTrain, 10, 1000),
  nVal: intParam("validation points", 200, 10, 2000),
  noise: numParam("noise σ", dflt.noise, 0, 1),
  width: intParam("hidden units per layer", dflt.width, 1, 64),
  depth: intParam("hidden layers", dflt.depth, 1, 4),
  activation: { type: "enum", label: "activation", values: ["tanh", "relu"], default: "tanh", live: false },
  batchSize: intParam("mini-batch size", 20, 1, 1000),
  keepProb: keepProbParam(dflt.keepProb),
  l2: lambdaParam("λ (L2)", dflt.l2),
  l1: lambdaParam("λ (L1)", 0),
  optimizer: optimizerParam("adam"),
  lr: lrParam(dflt.lr, 1),
});

const moonsData = (p: ParamValues, seed: number) =>
  classification2d(seed, {
    shape: p.shape as Shape2d, nTrain: p.nTrain as number, nVal: p.nVal as number, noise: p.noise as number,
  });

const mlp = (p: ParamValues) => ({
  inputDim: 2,
  hidden: Array.from({ length: p.depth as number }, () => p.width as number),
  activation: p.activation as "tanh" | "relu",
  task: "classification" as const,
});

/** Activity 13: a network big enough to memorize a few noisy points, and dropout. */
export const dropoutMoons: Preset = {
  id: "dropout-moons",
  title: "Dropout on a small network",
  summary: "An MLP on a few noisy two-moons points. With keep probability p = 1 the boundary wraps around the noise; p = 0.5 trains a different thinned network each step and the boundary smooths out.",
  params: mlpParams({ shape: "moons", nTrain: 60, noise: 0.25, width: 32, depth: 2, keepProb: 1, l2: 0, lr: 0.01 }),
  playback: { stepsPerSecond: 30, defaultSteps: 2000 },
  dataset: moonsData,
  network: mlp,
  batchSize: (p) => p.batchSize as number,
  controls: ["keepProb", "l2"],
  lanes: singleLane,
  linear: false,
};

/** Activity 16: the same network and λ, L2-in-the-gradient Adam against decoupled AdamW. */
export const adamVsAdamw: Preset = {
  id: "adam-vs-adamw",
  title: "Adam + L2 vs AdamW",
  summary: "Two identical networks, same data, same λ. Adam divides the L2 gradient by its running scale √v̂: weights with large data gradients hardly decay, weights with small ones move about η per step toward 0 (so here Adam + L2 ends with the smaller ‖w‖²). AdamW decays every weight by the same factor 1 − 2ηλ each step.",
  params: mlpParams({ shape: "moons", nTrain: 200, noise: 0.2, width: 16, depth: 2, keepProb: 1, l2: 0.01, lr: 0.01 }),
  playback: { stepsPerSecond: 30, defaultSteps: 2000 },
  dataset: moonsData,
  network: mlp,
  batchSize: (p) => p.batchSize as number,
  controls: ["l2"],
  lanes: [
    { id: "adam", label: "Adam + L2", hyper: (p) => hyperFromParams(p, { optimizer: "adam" }) },
    { id: "adamw", label: "AdamW", hyper: (p) => hyperFromParams(p, { optimizer: "adamw" }) },
  ],
  linear: false,
};
