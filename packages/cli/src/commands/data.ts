import { Simulation, toRows } from "@livelab/core/sim";
import { parseSimOptions, type Io } from "../options.ts";

/** `livelab data <preset> [--set k=v]… [--seed n] --json`: the data exactly as the model sees it. */
export function dataCommand(args: string[], io: Io): number {
  const o = parseSimOptions(args);
  const sim = Simulation.create({ presetId: o.preset.id, params: o.params, seed: o.seed });
  const d = sim.dataset;
  const out = {
    trainX: toRows(d.trainX, d.nTrain, d.nFeatures),
    trainY: Array.from(d.trainY),
    valX: toRows(d.valX, d.nVal, d.nFeatures),
    valY: Array.from(d.valY),
    task: d.task,
    features: d.featureMap?.description ?? "raw inputs",
    rawTrainX: d.featureMap ? toRows(d.rawTrainX, d.nTrain, d.rawDim) : undefined,
    rawValX: d.featureMap ? toRows(d.rawValX, d.nVal, d.rawDim) : undefined,
    trueWeights: d.trueWeights ? Array.from(d.trueWeights) : undefined,
  };
  if (o.json) {
    io.out(JSON.stringify(out));
    return 0;
  }
  io.out(`${o.preset.id}: ${d.task}, ${d.nTrain} training and ${d.nVal} validation rows of ${d.nFeatures} features (${out.features})`);
  for (let i = 0; i < Math.min(d.nTrain, 10); i++) io.out(`  x=${JSON.stringify(out.trainX[i].map((v) => Number(v.toPrecision(4))))}  y=${Number(d.trainY[i].toPrecision(4))}`);
  if (d.nTrain > 10) io.out(`  … ${d.nTrain - 10} more (use --json for all)`);
  return 0;
}
