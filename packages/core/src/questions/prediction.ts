import { Simulation } from "../sim/simulation.ts";
import type { StepMetrics } from "../sim/train/trainer.ts";
import type { Prediction } from "./schema.ts";

export type Direction = "up" | "down" | "same";
export type ObservedChanges = Partial<Record<keyof Prediction["outcomes"][string], Direction>>;

/** Relative change below which a metric counts as unchanged. */
const SAME_WITHIN = 0.01;

function direction(before: number, after: number): Direction {
  const scale = Math.max(Math.abs(before), 1e-12);
  if ((after - before) / scale > SAME_WITHIN) return "up";
  if ((before - after) / scale > SAME_WITHIN) return "down";
  return "same";
}

/** What the metrics did between two steps of a run. */
export function observeChanges(before: StepMetrics, after: StepMetrics): ObservedChanges {
  return {
    trainLoss: direction(before.trainLoss, after.trainLoss),
    valLoss: direction(before.valLoss, after.valLoss),
    l2NormSq: direction(before.l2NormSq, after.l2NormSq),
    l1Norm: direction(before.l1Norm, after.l1Norm),
    zeroWeights: direction(before.zeroWeights, after.zeroWeights),
  };
}

/** Run the prediction's simulation: metrics just before the change and `horizon` steps after. */
export function runPrediction(p: Prediction): ObservedChanges {
  const sim = Simulation.create({ presetId: p.presetId, params: p.params, seed: p.seed, changes: [{ step: p.changeAt, params: p.change }] });
  sim.advanceTo(p.changeAt);
  const before = sim.metrics();
  sim.advanceTo(p.changeAt + p.horizon);
  return observeChanges(before, sim.metrics());
}

/** The option whose expected directions all match what was observed, or null if none does. */
export function resolvePrediction(p: Prediction, observed: ObservedChanges = runPrediction(p)): string | null {
  for (const [optionId, expect] of Object.entries(p.outcomes)) {
    const all = Object.entries(expect).every(([metric, dir]) => observed[metric as keyof ObservedChanges] === dir);
    if (all) return optionId;
  }
  return null;
}
