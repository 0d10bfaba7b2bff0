/**
 * `npm run bench:sim` — engine speed at the lesson's defaults, on one core.
 *
 * For every preset: training steps per second and how many times faster that is than the
 * lesson plays it at 1x (aim: ≥ 20×, so a phone five times slower keeps up at 4x). Then the
 * TensorFlow Playground comparison: an MLP 2-16-16-1 (tanh, 200 two-moons points, batch 20,
 * L2, SGD) — Playground's own nn.ts does ~11,700 steps/s on this machine; LiveLab aims for
 * ≥ 23,000 — and a 100×100 decision-boundary grid (Playground ~15.6 ms; aim ≤ 8 ms).
 * Timings are medians of several rounds after a warm-up. `--json` prints one object.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { decisionGrid, PRESETS, Simulation, type SimSpec } from "../src/sim/index.ts";

const json = process.argv.includes("--json");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Steps per second: median over rounds of ~0.3 s each, after a warm-up round. */
function stepsPerSecond(spec: SimSpec, rounds = 5): number {
  const rates: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const sim = Simulation.create(spec);
    let steps = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < 300) {
      for (let i = 0; i < 200; i++) sim.stepOnce();
      steps += 200;
      t = performance.now();
    }
    if (r > 0) rates.push((steps * 1000) / (t - t0));
  }
  return median(rates);
}

const presetRows = PRESETS.map((p) => {
  const sps = stepsPerSecond({ presetId: p.id, seed: 42 });
  // What a client also computes per rendered frame: the metrics (full train + validation loss).
  const sim = Simulation.create({ presetId: p.id, seed: 42 });
  sim.advanceTo(100);
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) sim.metrics();
  const metricsMs = (performance.now() - t0) / 200;
  return {
    preset: p.id,
    lanes: p.lanes.length,
    stepsPerSec: Math.round(sps),
    playbackStepsPerSec: p.playback.stepsPerSecond,
    timesFasterThan1x: Math.round(sps / p.playback.stepsPerSecond),
    metricsMs: Number(metricsMs.toFixed(3)),
  };
});

const playgroundSpec: SimSpec = {
  presetId: "dropout-moons",
  seed: 42,
  params: { nTrain: 200, width: 16, depth: 2, activation: "tanh", batchSize: 20, l2: 0.001, optimizer: "sgd", lr: 0.03 },
};
const playgroundSps = stepsPerSecond(playgroundSpec, 7);
const gridSim = Simulation.create(playgroundSpec);
gridSim.advanceTo(500);
const gridOut = new Float64Array(100 * 100);
const gridTimes: number[] = [];
for (let i = 0; i < 60; i++) {
  const t0 = performance.now();
  decisionGrid(gridSim, 0, 100, 2, gridOut);
  if (i >= 10) gridTimes.push(performance.now() - t0);
}

const result = {
  machine: `${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), Node ${process.version}`,
  presets: presetRows,
  playgroundMlp: { config: "MLP 2-16-16-1 tanh, 200 two-moons points, batch 20, L2, SGD", stepsPerSec: Math.round(playgroundSps), goal: 23000, playgroundNnTs: 11700 },
  decisionGrid100: { medianMs: Number(median(gridTimes).toFixed(2)), goalMs: 8, playgroundMs: 15.6 },
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`LiveLab engine benchmark — ${result.machine}`);
  console.log("");
  console.log("preset                 lanes   steps/s   1x steps/s   × 1x   metrics/frame");
  for (const r of presetRows) {
    console.log(`${r.preset.padEnd(22)} ${String(r.lanes).padStart(5)} ${String(r.stepsPerSec).padStart(9)} ${String(r.playbackStepsPerSec).padStart(12)} ${String(r.timesFasterThan1x).padStart(6)}   ${r.metricsMs.toFixed(3)} ms`);
  }
  console.log("");
  console.log(`TF Playground comparison, ${result.playgroundMlp.config}:`);
  console.log(`  ${result.playgroundMlp.stepsPerSec} steps/s (goal ≥ 23000; Playground's nn.ts ≈ 11700 here)`);
  console.log(`  100×100 decision grid: ${result.decisionGrid100.medianMs} ms median (goal ≤ 8 ms; Playground ≈ 15.6 ms)`);
}
