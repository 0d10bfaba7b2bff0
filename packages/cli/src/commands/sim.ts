import { MAX_STEP, Simulation, type SimMetrics } from "@livelab/core/sim";
import { parseInteger, parseSimOptions, type Io } from "../options.ts";

/** `livelab sim <preset> [--set k=v]… [--seed n] [--steps n] [--every k] [--json]` */
export function simCommand(args: string[], io: Io): number {
  const o = parseSimOptions(args);
  const steps = parseInteger("--steps", o.steps, o.preset.playback.defaultSteps, 0, MAX_STEP);
  const every = parseInteger("--every", o.every, Math.max(1, Math.round(steps / 10)), 1, MAX_STEP);
  const sim = Simulation.create({ presetId: o.preset.id, params: o.params, seed: o.seed });
  const rows: SimMetrics[] = [];
  for (let s = 0; s <= steps; s += every) {
    sim.advanceTo(s);
    rows.push(sim.metrics());
  }
  if (steps % every !== 0) {
    sim.advanceTo(steps);
    rows.push(sim.metrics());
  }
  if (o.json) {
    for (const m of rows) {
      const { lanes, ...top } = m;
      io.out(JSON.stringify(lanes.length > 1 ? { ...top, lanes } : top));
    }
    return 0;
  }
  io.out(`${o.preset.title} (${o.preset.id}), seed ${o.seed}`);
  for (const lane of sim.preset.lanes) io.out(`lane ${lane.id}: ${lane.label}`);
  const header = ["step", "lane", "trainLoss", "valLoss", "penalty", "objective", "l1Norm", "l2NormSq", "zeros", "weightsHash"];
  io.out(header.map((h) => h.padStart(h === "weightsHash" ? 17 : 10)).join(" "));
  for (const m of rows) {
    for (const l of m.lanes) {
      io.out([
        String(m.step).padStart(10), l.lane.padStart(10),
        ...[l.trainLoss, l.valLoss, l.penalty, l.objective, l.l1Norm, l.l2NormSq].map((v) => fmt(v).padStart(10)),
        String(l.zeroWeights).padStart(10), l.weightsHash.padStart(17),
      ].join(" "));
    }
  }
  return 0;
}

function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3) : v.toPrecision(5);
}
