import { exactSolutions, Simulation } from "@livelab/core/sim";
import { parseSimOptions, type Io } from "../options.ts";

/** `livelab solve <preset> [--set k=v]… [--seed n] --json`: the exact minimizer (linear presets). */
export function solveCommand(args: string[], io: Io): number {
  const o = parseSimOptions(args);
  const sim = Simulation.create({ presetId: o.preset.id, params: o.params, seed: o.seed });
  const solutions = exactSolutions(sim);
  const [first] = solutions;
  const out = { weights: first.weights, bias: first.bias, objective: first.objective, ...(solutions.length > 1 ? { lanes: solutions } : {}) };
  if (o.json) {
    io.out(JSON.stringify(out));
    return 0;
  }
  for (const s of solutions) {
    io.out(`${s.lane}: objective ${s.objective.toPrecision(8)}, bias ${s.bias.toPrecision(6)}`);
    io.out(`  weights ${s.weights.map((w) => (w === 0 ? "0" : w.toPrecision(4))).join(" ")}`);
  }
  return 0;
}
