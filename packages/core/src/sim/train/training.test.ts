import { describe, expect, it } from "vitest";
import { Simulation } from "../simulation.ts";
import { elasticNetCD, ridgeClosedForm, smoothGradient } from "../solve/linearSolvers.ts";
import { newOptimizerState, optimizerStep, type Hyper } from "./optimizer.ts";
import { addPenaltyGradient } from "./regularizer.ts";

const sgd = (over: Partial<Hyper> = {}): Hyper => ({
  optimizer: "sgd", lr: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8, l1: 0, l2: 0, l1Mode: "subgradient", ...over,
});

describe("the source's worked numbers", () => {
  it("one SGD step with zero data gradient multiplies w by 1 − 2ηλ = 0.998 (η = 0.1, λ = 0.01)", () => {
    const params = new Float64Array([1, -2.5, 7]);
    const penalized = new Uint8Array([1, 1, 0]);
    optimizerStep(params, new Float64Array(3), penalized, newOptimizerState(3), sgd({ l2: 0.01 }));
    expect(params[0]).toBeCloseTo(0.998, 15);
    expect(params[1]).toBeCloseTo(-2.5 * 0.998, 15);
    expect(params[2]).toBe(7); // the bias is not decayed
  });
  it("AdamW's decoupled decay is the same factor per step, whatever Adam's moments say", () => {
    const params = new Float64Array([1, -3]);
    const penalized = new Uint8Array([1, 1]);
    optimizerStep(params, new Float64Array(2), penalized, newOptimizerState(2), sgd({ optimizer: "adamw", l2: 0.01 }));
    expect(params[0]).toBeCloseTo(0.998, 15);
    expect(params[1]).toBeCloseTo(-3 * 0.998, 15);
  });
  it("k steps compound: (1 − 2ηλ)^k", () => {
    const params = new Float64Array([2]);
    const st = newOptimizerState(1);
    for (let k = 0; k < 50; k++) optimizerStep(params, new Float64Array(1), new Uint8Array([1]), st, sgd({ lr: 0.2, l2: 0.05 }));
    expect(params[0]).toBeCloseTo(2 * Math.pow(1 - 2 * 0.2 * 0.05, 50), 12);
  });
  it("an SGD step is w − η·∇J with ∇J = data gradient + penalty gradient", () => {
    const params = new Float64Array([0.5, -0.7, 0.1, 0.3]);
    const grad = new Float64Array([0.2, -0.1, 0.05, 1]);
    const penalized = new Uint8Array([1, 1, 1, 0]);
    const full = new Float64Array(grad);
    addPenaltyGradient(params, penalized, 0.3, 0.2, full);
    const expected = params.map((w, j) => w - 0.1 * full[j]);
    optimizerStep(params, grad, penalized, newOptimizerState(4), sgd({ l1: 0.3, l2: 0.2 }));
    for (let j = 0; j < 4; j++) expect(params[j]).toBeCloseTo(expected[j], 15);
  });
  it("soft-thresholding: an L1 proximal step stops at exactly 0 once |w| ≤ ηλ", () => {
    const params = new Float64Array([0.04, -0.03, 0.5, -0.5]);
    optimizerStep(params, new Float64Array(4), new Uint8Array([1, 1, 1, 1]), newOptimizerState(4), sgd({ l1: 0.5, l1Mode: "proximal" }));
    expect(Array.from(params)).toEqual([0, 0, 0.45, -0.45]);
  });
});

describe("gradient descent reaches the exact solutions", () => {
  it("ridge by SGD converges to the closed form (XᵀX/n + λI)⁻¹Xᵀy/n", () => {
    const sim = Simulation.create({ presetId: "sparse-linear", seed: 5, params: { l1: 0, l2: 0.1, lr: 0.05 } });
    sim.advanceTo(4000);
    const d = sim.dataset;
    const exact = ridgeClosedForm(d.trainX, d.trainY, d.nTrain, d.nFeatures, 0.1);
    const w = sim.lanes[0].params;
    for (let j = 0; j < d.nFeatures; j++) expect(w[j]).toBeCloseTo(exact.weights[j], 8);
    expect(w[d.nFeatures]).toBeCloseTo(exact.bias, 8);
    // ...and the closed form is a stationary point of the objective.
    const g = smoothGradient(d.trainX, d.trainY, d.nTrain, d.nFeatures, exact.weights, exact.bias, 0.1);
    for (const gj of g) expect(Math.abs(gj)).toBeLessThan(1e-10);
  });

  it("lasso and elastic-net solutions satisfy the KKT conditions", () => {
    const sim = Simulation.create({ presetId: "sparse-linear", seed: 6 });
    const d = sim.dataset;
    for (const [l1, l2] of [[0.1, 0], [0.3, 0], [0.1, 0.05]]) {
      const s = elasticNetCD(d.trainX, d.trainY, d.nTrain, d.nFeatures, l1, l2);
      const g = smoothGradient(d.trainX, d.trainY, d.nTrain, d.nFeatures, s.weights, s.bias, l2);
      let zeros = 0;
      for (let j = 0; j < d.nFeatures; j++) {
        const w = s.weights[j];
        if (w === 0) {
          zeros++;
          expect(Math.abs(g[j])).toBeLessThanOrEqual(l1 + 1e-9); // 0 ∈ ∂: |∇ⱼ| ≤ λ₁
        } else {
          expect(Math.abs(g[j] + l1 * Math.sign(w))).toBeLessThan(1e-9); // ∇ⱼ = −λ₁·sign(wⱼ)
        }
      }
      expect(Math.abs(g[d.nFeatures])).toBeLessThan(1e-9); // free bias
      expect(zeros).toBeGreaterThan(0);
    }
  });

  it("proximal gradient descent finds the lasso solution, zeros included", () => {
    const sim = Simulation.create({ presetId: "sparse-linear", seed: 7, params: { l1: 0.1, l1Mode: "proximal" } });
    sim.advanceTo(3000);
    const d = sim.dataset;
    const exact = elasticNetCD(d.trainX, d.trainY, d.nTrain, d.nFeatures, 0.1, 0);
    const w = sim.lanes[0].params;
    for (let j = 0; j < d.nFeatures; j++) {
      expect(w[j] === 0).toBe(exact.weights[j] === 0);
      expect(w[j]).toBeCloseTo(exact.weights[j], 6);
    }
  });
});

describe("L1: subgradient vs proximal", () => {
  it("subgradient L1 leaves no exact zeros where proximal L1 makes many", () => {
    const run = (l1Mode: string) => {
      const sim = Simulation.create({ presetId: "sparse-linear", seed: 42, params: { l1: 0.1, l1Mode } });
      sim.advanceTo(600);
      return sim.metrics();
    };
    const sub = run("subgradient");
    const prox = run("proximal");
    expect(sub.zeroWeights).toBe(0);
    expect(prox.zeroWeights).toBeGreaterThanOrEqual(8);
  });
  it("a weight at exactly zero can leave zero again when λ drops (no dead weights)", () => {
    const sim = Simulation.create({ presetId: "sparse-linear", seed: 42, params: { l1: 1, l1Mode: "proximal" }, changes: [{ step: 400, params: { l1: 0.001 } }] });
    sim.advanceTo(400);
    const zerosBefore = sim.metrics().zeroWeights;
    const zeroIdx = Array.from(sim.lanes[0].params.slice(0, 20)).flatMap((w, j) => (w === 0 ? [j] : []));
    sim.advanceTo(800);
    const revived = zeroIdx.filter((j) => sim.lanes[0].params[j] !== 0);
    expect(zerosBefore).toBeGreaterThanOrEqual(15);
    expect(revived.length).toBeGreaterThanOrEqual(10);
  });
});

describe("Adam + L2 vs AdamW", () => {
  it("start identical and end with clearly different weight norms at the same λ", () => {
    const sim = Simulation.create({ presetId: "adam-vs-adamw", seed: 42 });
    const m0 = sim.metrics();
    expect(m0.lanes[0].weightsHash).toBe(m0.lanes[1].weightsHash);
    sim.advanceTo(500);
    const m = sim.metrics();
    const [adam, adamw] = m.lanes;
    expect(adam.lane).toBe("adam");
    expect(adamw.l2NormSq / adam.l2NormSq).toBeGreaterThan(3);
    expect(adam.weightsHash).not.toBe(adamw.weightsHash);
  });
  it("with λ = 0 the two are the same algorithm", () => {
    const sim = Simulation.create({ presetId: "adam-vs-adamw", seed: 42, params: { l2: 0 } });
    sim.advanceTo(100);
    const [a, b] = sim.metrics().lanes;
    expect(a.weightsHash).toBe(b.weightsHash);
  });
});

describe("early stopping", () => {
  it("tracks the step with the lowest validation loss and restores its weights", () => {
    const sim = Simulation.create({ presetId: "early-stopping", seed: 42 });
    let bestSeen = Infinity;
    let bestStep = -1;
    for (let s = 0; s <= 800; s++) {
      sim.advanceTo(s);
      const v = sim.lanes[0].valLoss();
      if (v < bestSeen) { bestSeen = v; bestStep = s; }
    }
    const m = sim.metrics();
    expect(m.bestStep).toBe(bestStep);
    expect(m.bestValLoss).toBe(bestSeen);
    expect(bestStep).toBeGreaterThan(10);
    expect(bestStep).toBeLessThan(400);
    expect(m.valLoss).toBeGreaterThan(2 * bestSeen); // it kept overfitting after the best step
    sim.lanes[0].restoreBest();
    expect(sim.lanes[0].valLoss()).toBe(bestSeen);
  });
  it("with patience, training stops by itself", () => {
    const sim = Simulation.create({ presetId: "early-stopping", seed: 42, params: { patience: 50 } });
    sim.advanceTo(1000);
    const m = sim.metrics();
    expect(m.stopped).toBe(true);
    expect(m.step).toBe(1000); // the clock runs on...
    const hashAtStop = m.weightsHash;
    sim.advanceTo(1100); // ...but the weights no longer change
    expect(sim.metrics().weightsHash).toBe(hashAtStop);
    // ...and they are the best step's weights, restored when training stopped.
    expect(m.valLoss).toBe(m.bestValLoss);
    const replay = Simulation.create({ presetId: "early-stopping", seed: 42 });
    replay.advanceTo(m.bestStep!);
    expect(replay.metrics().weightsHash).toBe(hashAtStop);
  });
});
