import { describe, expect, it } from "vitest";
import { gradeAnswer } from "../questions/grade.ts";
import { resolvePrediction } from "../questions/prediction.ts";
import { Simulation, type SimMetrics } from "../sim/simulation.ts";
import { builtInLesson, findQuestion } from "./index.ts";

/**
 * The numbers the built-in lesson quotes in its notes and cues are what its presets show
 * (the same runs as `npx livelab sim …`, named beside each activity). If the engine or a
 * preset changes, this fails and the notes must be updated with it.
 */
const lesson = builtInLesson();
const activity = (id: string) => lesson.activities.find((a) => a.id === id)!;

function run(presetId: string, params: Record<string, number | string>, steps: number[], changes: { step: number; params: Record<string, number> }[] = []): Map<number, SimMetrics> {
  const sim = Simulation.create({ presetId, params, seed: 42, changes });
  const out = new Map<number, SimMetrics>();
  for (const s of steps) {
    sim.advanceTo(s);
    out.set(s, sim.metrics());
  }
  return out;
}
const lane = (m: SimMetrics, id: string) => m.lanes.find((l) => l.lane === id)!;

describe("numbers quoted by the built-in lesson", () => {
  it("overfitting: validation loss is lowest at step 60 (0.198) and rising by 100 (0.238); at 600 training 0.0046, validation 1.05", () => {
    const steps = Array.from({ length: 201 }, (_, i) => i);
    const m = run("overfit-poly", {}, [...steps, 600]);
    const best = steps.reduce((b, s) => (m.get(s)!.valLoss < m.get(b)!.valLoss ? s : b), 0);
    expect(best).toBe(60);
    expect(m.get(60)!.valLoss).toBeCloseTo(0.198, 3);
    expect(m.get(100)!.valLoss).toBeCloseTo(0.238, 3);
    expect(m.get(600)!.trainLoss).toBeCloseTo(0.0046, 4);
    expect(m.get(600)!.valLoss).toBeCloseTo(1.05, 2);
    expect(activity("overfit-poly").simulation!.cues.map((c) => c.atStep)).toEqual([60, 100, 600]);
  });
  it("raising λ at step 600: training loss up, validation loss down (the prediction's answer)", () => {
    const q = findQuestion(lesson, "predict-raise-lambda");
    expect(q?.kind === "single" && q.prediction && resolvePrediction(q.prediction)).toBe("train-up-val-down");
  });
  it("early stopping with patience 100 stops by itself at step 160, best step 60", () => {
    expect(activity("early-stopping").simulation!.params).toEqual({ patience: 100 });
    const m = run("early-stopping", { patience: 100 }, [159, 160, 1500]);
    expect(m.get(159)!.stopped).toBe(false);
    expect(m.get(160)).toMatchObject({ stopped: true, bestStep: 60 });
    expect(m.get(1500)!.step).toBe(1500);
    expect(m.get(1500)!.weightsHash).toBe(m.get(160)!.weightsHash);
    // Stopping restores the best weights: from step 160 on the run shows step 60's model...
    expect(m.get(160)!.valLoss).toBe(m.get(160)!.bestValLoss);
    expect(m.get(160)!.valLoss).toBeCloseTo(0.198, 3);
    // ...while the weights it trained on to step 160 had risen to 0.31 (the notes' number).
    expect(run("early-stopping", {}, [160]).get(160)!.valLoss).toBeCloseTo(0.31, 2);
    // The early-stop-step question's rule is this run's: best + patience.
    expect(gradeAnswer(findQuestion(lesson, "early-stop-step")!, { best: 60, patience: 100 }, "160").correct).toBe(true);
    expect(run("early-stopping", {}, [1500]).get(1500)!.valLoss).toBeCloseTo(1.70, 2);
  });
  it("L1 vs L2 at λ = 0.1: 10 exact zeros against none (validation 0.50 against 1.08); subgradient L1 gives none", () => {
    const m = run("l1-vs-l2", {}, [300, 600]);
    expect(lane(m.get(300)!, "l1").zeroWeights).toBe(10);
    expect(lane(m.get(300)!, "l2").zeroWeights).toBe(0);
    expect(lane(m.get(600)!, "l1").valLoss).toBeCloseTo(0.50, 2);
    expect(lane(m.get(600)!, "l2").valLoss).toBeCloseTo(1.08, 2);
    expect(run("sparse-linear", { l1: 0.1, l1Mode: "subgradient" }, [600]).get(600)!.zeroWeights).toBe(0);
  });
  it("elastic net: adding λ₂ = 0.1 at step 600 takes the exact zeros from 10 to 4 (validation 0.50 to 1.06)", () => {
    const a = activity("elastic-net").simulation!;
    const change = a.cues.find((c) => c.change)!;
    const m = run("sparse-linear", a.params as Record<string, number>, [600, 900], [{ step: change.atStep, params: change.change as Record<string, number> }]);
    expect(m.get(600)).toMatchObject({ zeroWeights: 10 });
    expect(m.get(900)).toMatchObject({ zeroWeights: 4 });
    expect(m.get(600)!.valLoss).toBeCloseTo(0.50, 2);
    expect(m.get(900)!.valLoss).toBeCloseTo(1.06, 2);
  });
  it("Adam + L2 ends with the smaller ‖w‖² (7.2 against 77.3) and AdamW the better validation loss (0.025 against 0.289)", () => {
    const m = run("adam-vs-adamw", {}, [2000]).get(2000)!;
    expect(lane(m, "adam").l2NormSq).toBeCloseTo(7.2, 1);
    expect(lane(m, "adamw").l2NormSq).toBeCloseTo(77.3, 1);
    expect(lane(m, "adam").valLoss).toBeCloseTo(0.289, 3);
    expect(lane(m, "adamw").valLoss).toBeCloseTo(0.025, 3);
    const q = findQuestion(lesson, "predict-adam-vs-adamw");
    expect(q?.kind === "single" && q.correct).toBe(lane(m, "adam").l2NormSq < lane(m, "adamw").l2NormSq ? "adam-l2" : "adamw");
  });
  it("dropout: validation loss 0.37 against 0.30 at step 800, 0.48 against 0.28 at step 2000", () => {
    const plain = run("dropout-moons", { keepProb: 1 }, [800, 2000]);
    const dropped = run("dropout-moons", { keepProb: 0.5 }, [800, 2000]);
    expect(plain.get(800)!.valLoss).toBeCloseTo(0.373, 3);
    expect(dropped.get(800)!.valLoss).toBeCloseTo(0.304, 3);
    expect(plain.get(2000)!.valLoss).toBeCloseTo(0.480, 3);
    expect(dropped.get(2000)!.valLoss).toBeCloseTo(0.275, 3);
  });
});
