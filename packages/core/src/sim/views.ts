import { detSigmoid } from "./math/detmath.ts";
import { toRows } from "./data/dataset.ts";
import { SimError } from "./errors.ts";
import type { Simulation } from "./simulation.ts";
import { regularizationPath, type RegularizationPath } from "./solve/paths.ts";
import { constraintGeometry, type ConstraintGeometry } from "./solve/geometry.ts";
import { solveLinear } from "./solve/linearSolvers.ts";

/**
 * On-demand views of a simulation for drawing: the fitted curve, the decision boundary,
 * the dropout mask, the weights, regularization paths and the constraint geometry. None of
 * these change the simulation's state.
 */

/** The fitted 1-D curve at `points` evenly spaced x in [−1, 1] (1-D presets only). */
export function fittedCurve(sim: Simulation, lane = 0, points = 200): { x: number[]; y: number[] } {
  const fm = sim.dataset.featureMap;
  if (!fm || sim.dataset.rawDim !== 1) throw new SimError("NOT_SUPPORTED", `${sim.preset.id} has no 1-D curve`);
  const t = sim.lanes[lane];
  const raw = new Float64Array(points);
  for (let i = 0; i < points; i++) raw[i] = -1 + (2 * i) / (points - 1);
  const feats = new Float64Array(points * fm.outDim);
  for (let i = 0; i < points; i++) fm.apply(raw, i, feats, i * fm.outDim);
  const y = new Float64Array(points);
  t.net.outputs(t.params, feats, 0, points, y);
  return { x: Array.from(raw), y: Array.from(y) };
}

export interface DecisionGrid {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** P(class 1), row-major from (xMin, yMin), size × size. */
  probs: Float64Array;
}

/** The grid's input points, kept between calls: the same grid is asked for every frame. */
let gridInputs = { size: 0, extent: 0, X: new Float64Array(0) };

function gridPoints(size: number, extent: number): Float64Array {
  if (gridInputs.size === size && gridInputs.extent === extent) return gridInputs.X;
  const X = new Float64Array(2 * size * size);
  const stepSize = (2 * extent) / (size - 1);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      X[2 * (r * size + c)] = -extent + c * stepSize;
      X[2 * (r * size + c) + 1] = -extent + r * stepSize;
    }
  }
  gridInputs = { size, extent, X };
  return X;
}

/**
 * Class-1 probability on a size×size grid over [−extent, extent]² (2-D classification presets),
 * computed as one batch: the network runs layer by layer over all points (Network.outputs),
 * into `out` when given, so redrawing every frame allocates nothing.
 */
export function decisionGrid(sim: Simulation, lane = 0, size = 100, extent = 2, out?: Float64Array): DecisionGrid {
  if (sim.dataset.task !== "classification" || sim.dataset.nFeatures !== 2) {
    throw new SimError("NOT_SUPPORTED", `${sim.preset.id} has no 2-D decision boundary`);
  }
  const t = sim.lanes[lane];
  const n = size * size;
  const probs = out ?? new Float64Array(n);
  t.net.outputs(t.params, gridPoints(size, extent), 0, n, probs);
  for (let j = 0; j < n; j++) probs[j] = detSigmoid(probs[j]);
  return { size, xMin: -extent, xMax: extent, yMin: -extent, yMax: extent, probs };
}

/** The last dropout mask per hidden layer (1 = kept), from the first example of the last batch. */
export function dropoutMask(sim: Simulation, lane = 0): number[][] {
  return sim.lanes[lane].net.lastMask.map((m) => Array.from(m));
}

/** Weights and biases of each layer (for coefficient bars and network drawings). */
export function layerWeights(sim: Simulation, lane = 0): { weights: number[][]; biases: number[] }[] {
  const t = sim.lanes[lane];
  const { sizes, weightOffset, biasOffset } = t.net;
  return sizes.slice(1).map((nout, l) => ({
    weights: toRows(t.params.subarray(weightOffset[l], biasOffset[l]), nout, sizes[l]),
    biases: Array.from(t.params.subarray(biasOffset[l], biasOffset[l] + nout)),
  }));
}

function requireLinear(sim: Simulation): void {
  if (!sim.preset.linear) throw new SimError("NOT_SUPPORTED", `${sim.preset.id} is not a linear model: no exact solution`);
}

/** The exact minimizer of each lane's objective at the current parameters (linear presets). */
export function exactSolutions(sim: Simulation) {
  requireLinear(sim);
  const d = sim.dataset;
  return sim.lanes.map((t, i) => {
    const s = solveLinear(d.trainX, d.trainY, d.nTrain, d.nFeatures, t.hyper.l1, t.hyper.l2);
    return { lane: sim.preset.lanes[i].id, weights: Array.from(s.weights), bias: s.bias, objective: s.objective };
  });
}

/** Ridge and lasso paths on the simulation's training data (linear presets). */
export function paths(sim: Simulation, logMin = -4, logMax = 1, count = 40): { l1: RegularizationPath; l2: RegularizationPath } {
  requireLinear(sim);
  const d = sim.dataset;
  return {
    l1: regularizationPath(d.trainX, d.trainY, d.nTrain, d.nFeatures, "l1", logMin, logMax, count),
    l2: regularizationPath(d.trainX, d.trainY, d.nTrain, d.nFeatures, "l2", logMin, logMax, count),
  };
}

/** Diamond/circle geometry at the current λ (the constraint-geometry preset). */
export function geometry(sim: Simulation): ConstraintGeometry {
  if (!sim.preset.geometry) throw new SimError("NOT_SUPPORTED", `${sim.preset.id} has no constraint geometry`);
  const lambda = typeof sim.params.lambda === "number" ? sim.params.lambda : 0;
  return constraintGeometry(sim.dataset.trainX, sim.dataset.trainY, sim.dataset.nTrain, lambda);
}
