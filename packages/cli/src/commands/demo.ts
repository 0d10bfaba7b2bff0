import { fittedCurve, Simulation } from "@livelab/core/sim";
import type { Io } from "../options.ts";

/**
 * `livelab demo`: what `npm start` shows until the live server exists — the overfitting run
 * from the lesson, then the same run with λ raised at step 600, as a small text chart.
 */
export function demoCommand(_args: string[], io: Io): number {
  io.out("LiveLab engine demo: a degree-9 polynomial on 12 noisy points (preset overfit-poly, seed 42)");
  io.out("");
  const plain = Simulation.create({ presetId: "overfit-poly", seed: 42 });
  const tamed = Simulation.create({ presetId: "overfit-poly", seed: 42, changes: [{ step: 600, params: { l2: 0.01 } }] });
  io.out("  step | no penalty: train   valid | λ=0.01 from step 600: train   valid");
  for (const step of [0, 50, 100, 200, 400, 600, 700, 900, 1200, 1500]) {
    plain.advanceTo(step);
    tamed.advanceTo(step);
    const a = plain.metrics();
    const b = tamed.metrics();
    io.out(`  ${String(step).padStart(4)} |          ${a.trainLoss.toFixed(4)}  ${a.valLoss.toFixed(4)} |                      ${b.trainLoss.toFixed(4)}  ${b.valLoss.toFixed(4)}`);
  }
  io.out("");
  io.out("Fitted curves at step 1500 (· = no penalty, o = λ=0.01):");
  const c1 = fittedCurve(plain, 0, 60);
  const c2 = fittedCurve(tamed, 0, 60);
  const rows = 15;
  const lo = -2;
  const hi = 2;
  const grid = Array.from({ length: rows }, () => Array<string>(60).fill(" "));
  const put = (x: number, y: number, ch: string) => {
    const r = Math.round(((hi - Math.max(lo, Math.min(hi, y))) / (hi - lo)) * (rows - 1));
    grid[r][x] = ch;
  };
  c1.y.forEach((y, i) => put(i, y, "·"));
  c2.y.forEach((y, i) => put(i, y, "o"));
  for (const line of grid) io.out(`  |${line.join("")}|`);
  io.out("");
  io.out("Try: npx livelab presets · npx livelab sim overfit-poly --set l2=0.01 · npx livelab grade l2-decay-factor --params '{\"eta\":0.1,\"lambda\":0.01}' --answer 0.998");
  return 0;
}
