import { describe, expect, it } from "vitest";
import { classification2d } from "../data/classification2d.ts";
import { legendreFeatures } from "../data/legendre.ts";
import { regression1d } from "../data/regression1d.ts";
import { sparseLinear } from "../data/sparseLinear.ts";
import type { Dataset } from "../data/dataset.ts";
import { Prng } from "../math/prng.ts";
import { addPenaltyGradient, penaltyValues } from "../train/regularizer.ts";
import { Network, type NetworkConfig } from "./network.ts";

interface Case {
  name: string;
  data: Dataset;
  config: NetworkConfig;
  keepProb: number;
}

const poly = regression1d(3, { nTrain: 12, nVal: 10, noise: 0.2, featureMap: legendreFeatures(5) });
const sparse = sparseLinear(4, { nTrain: 30, nVal: 10, nFeatures: 6, nRelevant: 2, correlation: 0.5, noise: 0.3 });
const moons = classification2d(5, { shape: "moons", nTrain: 16, nVal: 10, noise: 0.2 });

const cases: Case[] = [
  { name: "linear regression", data: sparse, config: { inputDim: 6, hidden: [], activation: "tanh", task: "regression" }, keepProb: 1 },
  { name: "polynomial regression (Legendre features)", data: poly, config: { inputDim: 5, hidden: [], activation: "tanh", task: "regression" }, keepProb: 1 },
  { name: "logistic regression", data: moons, config: { inputDim: 2, hidden: [], activation: "tanh", task: "classification" }, keepProb: 1 },
  { name: "MLP tanh, regression", data: poly, config: { inputDim: 5, hidden: [4, 3], activation: "tanh", task: "regression" }, keepProb: 1 },
  { name: "MLP relu, classification", data: moons, config: { inputDim: 2, hidden: [5, 4], activation: "relu", task: "classification" }, keepProb: 1 },
  { name: "MLP tanh, classification, dropout p=0.6", data: moons, config: { inputDim: 2, hidden: [6, 5], activation: "tanh", task: "classification" }, keepProb: 0.6 },
];

const penalties = [
  { name: "no penalty", l1: 0, l2: 0 },
  { name: "L2", l1: 0, l2: 0.3 },
  { name: "L1", l1: 0.2, l2: 0 },
  { name: "elastic net", l1: 0.1, l2: 0.2 },
];

/**
 * Objective J = mean batch data loss + l1‖w‖₁ + l2‖w‖₂² with a fixed dropout mask (the same
 * PRNG state for every evaluation, so finite differences see one fixed thinned network).
 */
function objective(net: Network, params: Float64Array, c: Case, l1: number, l2: number, rngState: [number, number, number, number], grad?: Float64Array): number {
  const idx = Uint32Array.from({ length: c.data.nTrain }, (_, i) => i);
  const g = grad ?? new Float64Array(params.length);
  const loss = net.lossAndGrad(params, g, c.data.trainX, c.data.trainY, idx, 0, idx.length, c.keepProb, new Prng(rngState));
  if (grad) addPenaltyGradient(params, net.penalized, l1, l2, grad);
  return loss + penaltyValues(params, net.penalized, l1, l2).penalty;
}

describe("gradients match finite differences for every model × loss × penalty", () => {
  for (const c of cases) {
    for (const p of penalties) {
      it(`${c.name}, ${p.name}`, () => {
        const net = new Network(c.config);
        const params = new Float64Array(net.nParams);
        const rng = new Prng(11);
        // Random weights away from 0 so |w| is differentiable where we probe it.
        for (let j = 0; j < params.length; j++) {
          const v = 0.2 + 0.6 * rng.nextFloat();
          params[j] = rng.nextFloat() < 0.5 ? -v : v;
        }
        const state = new Prng(99).getState();
        const grad = new Float64Array(net.nParams);
        objective(net, params, c, p.l1, p.l2, state, grad);
        const h = 1e-6;
        let maxErr = 0;
        for (let j = 0; j < params.length; j++) {
          const save = params[j];
          params[j] = save + h;
          const up = objective(net, params, c, p.l1, p.l2, state);
          params[j] = save - h;
          const down = objective(net, params, c, p.l1, p.l2, state);
          params[j] = save;
          const numeric = (up - down) / (2 * h);
          maxErr = Math.max(maxErr, Math.abs(numeric - grad[j]) / Math.max(1, Math.abs(numeric)));
        }
        expect(maxErr).toBeLessThan(1e-6);
        // Biases are never penalized.
        for (let l = 0; l < net.nLayers; l++) expect(net.penalized[net.biasOffset[l]]).toBe(0);
      });
    }
  }
});

describe("inverted dropout", () => {
  // A 1-1-1 ReLU network whose hidden unit outputs exactly h = 3 for input x = 3.
  const net = new Network({ inputDim: 1, hidden: [1], activation: "relu", task: "regression" });
  const params = new Float64Array(net.nParams);
  params[net.weightOffset[0]] = 1; // w1
  params[net.weightOffset[1]] = 1; // w2, output = h̃
  const x = new Float64Array([3]);

  it("a kept unit passes h/p (h = 3, p = 0.6 → 5); a dropped one passes 0", () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(net.forward(params, x, 0, 0.6, rng));
    expect([...seen].sort()).toEqual([0, 5]);
  });

  it("the expectation over many masks is h (3), and evaluation is unchanged", () => {
    const rng = new Prng(2);
    let sum = 0;
    let kept = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const v = net.forward(params, x, 0, 0.6, rng);
      sum += v;
      if (v !== 0) kept++;
    }
    expect(Math.abs(sum / n - 3)).toBeLessThan(0.03);
    expect(Math.abs(kept / n - 0.6)).toBeLessThan(0.005);
    expect(net.predict(params, x, 0)).toBe(3);
  });
});
