/**
 * `npm run bench:sim [-- --json] [-- --quick]` — the engine's speed, every comparison measured in
 * this run, in interleaved rounds, on CPU time (see timing.ts):
 *
 * 1. every preset at the lesson's defaults: steps/s, how many times faster than it plays at 1x
 *    and 4x, the per-frame costs a page pays (metrics; the decision grid at phone and projector
 *    size), and the 4x headroom once those are counted (how many times slower a device may be
 *    and still keep up);
 * 2. an MLP 2-16-16-1 (tanh, 200 two-moons points, batch 20, SGD, L2): LiveLab against the same
 *    engine with Math.tanh (the price of determinism) and against a Playground-style object
 *    network (playgroundNn.ts, a yardstick written for this bench);
 * 3. the 100×100 decision grid, the same three ways;
 * 4. ns per call of the deterministic functions against Math.*;
 * 5. the training speed from a clean call site and from one crowded with unrelated code.
 */
import { cpus } from "node:os";
import { argv } from "node:process";
import { buildEngines } from "./engineBuilds.ts";
import { measureMathCalls } from "./mathCalls.ts";
import { PlaygroundNet, playgroundGrid, playgroundStep } from "./playgroundNn.ts";
import { interleaved, median, medianRatio, msPerCall, ratePerSecond } from "./timing.ts";

const json = argv.includes("--json");
const quick = argv.includes("--quick");
const ROUNDS = quick ? 5 : 15;
const ROUND_MS = quick ? 40 : 100;

/** What a page does while a simulation plays (apps/web/src/lib/useLockstep.ts, canvases.tsx). */
const PAGE = { metricsPerSecond: 30, gridsPerSecond: 10, phoneGrid: 50, projectorGrid: 80 };

const { deterministic: E, nativeTanh: N, cleanup } = await buildEngines();

function presetRow(p: (typeof E.PRESETS)[number]) {
  const sim = E.Simulation.create({ presetId: p.id, seed: 42 });
  sim.advanceTo(50);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(ratePerSecond(() => sim.stepOnce(), ROUND_MS, 20));
  const sps = median(rates);
  const metricsMs = msPerCall(() => {
    for (const t of sim.lanes) t.touch(); // a new step: nothing cached
    sim.metrics();
  }, 25);
  const has2d = sim.dataset.task === "classification" && sim.dataset.nFeatures === 2;
  const gridMs = (size: number) => {
    if (!has2d) return null;
    const out = new Float64Array(size * size);
    return msPerCall(() => {
      for (let lane = 0; lane < sim.lanes.length; lane++) E.decisionGrid(sim, lane, size, 2, out);
    }, 15);
  };
  const phoneGridMs = gridMs(PAGE.phoneGrid);
  const projectorGridMs = gridMs(PAGE.projectorGrid);
  const pb = p.playback.stepsPerSecond;
  // Share of one core a page needs at 4x: the steps, the metrics, the phone-sized grids.
  const share4x = (4 * pb) / sps + (PAGE.metricsPerSecond * metricsMs + PAGE.gridsPerSecond * (phoneGridMs ?? 0)) / 1000;
  return {
    preset: p.id,
    lanes: p.lanes.length,
    stepsPerSec: Math.round(sps),
    playbackStepsPerSec: pb,
    timesFasterThan1x: Math.round(sps / pb),
    timesFasterThan4x: Math.round(sps / (4 * pb)),
    metricsMs: round(metricsMs, 3),
    phoneGridMs: phoneGridMs === null ? null : round(phoneGridMs, 2),
    projectorGridMs: projectorGridMs === null ? null : round(projectorGridMs, 2),
    headroom4x: round(1 / share4x, 1),
  };
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

const presets = E.PRESETS.map(presetRow);

// --- 2 and 3: MLP 2-16-16-1 against Math.tanh and the Playground-style network. ---
const mlpParams = { nTrain: 200, width: 16, depth: 2, activation: "tanh", batchSize: 20, l2: 0.001, optimizer: "sgd", lr: 0.03 };
const mlpSpec = { presetId: "dropout-moons", seed: 42, params: mlpParams };
const detSim = E.Simulation.create(mlpSpec);
const nativeSim = N.Simulation.create(mlpSpec);
const data = detSim.dataset;
const rng = new E.Prng(3);
const pg = new PlaygroundNet([2, 16, 16, 1], () => rng.nextFloat());
const labels = Float64Array.from(data.trainY, (y) => (y === 1 ? 1 : -1));
const order = Uint32Array.from({ length: data.nTrain }, (_, i) => i);
let pgCursor = 0;
const mlp = interleaved({
  deterministic: () => ratePerSecond(() => detSim.stepOnce(), ROUND_MS, 20),
  mathTanh: () => ratePerSecond(() => nativeSim.stepOnce(), ROUND_MS, 20),
  playground: () => ratePerSecond(() => {
    playgroundStep(pg, data.trainX, labels, order, pgCursor, 20);
    pgCursor = (pgCursor + 20) % data.nTrain;
  }, ROUND_MS, 20),
}, ROUNDS + 1);
for (const k of Object.keys(mlp) as (keyof typeof mlp)[]) mlp[k].shift(); // warm-up round

const gridOut = new Float64Array(100 * 100);
const gridTime = (f: () => void) => () => msPerCall(f, 3, 1);
const grid = interleaved({
  deterministic: gridTime(() => E.decisionGrid(detSim, 0, 100, 2, gridOut)),
  mathTanh: gridTime(() => N.decisionGrid(nativeSim, 0, 100, 2, gridOut)),
  playground: gridTime(() => playgroundGrid(pg, 100, 2, gridOut)),
}, ROUNDS + 1);
for (const k of Object.keys(grid) as (keyof typeof grid)[]) grid[k].shift();

// --- 5: the same training from a crowded call site (unrelated code around the hot loop). ---
const crowdedSim = E.Simulation.create(mlpSpec);
const junk: Record<string, number>[] = [];
function crowdedStep(i: number): void {
  crowdedSim.stepOnce();
  if ((i & 63) === 0) {
    if (junk.length > 100) junk.length = 0;
    const entry = { [`k${i & 7}`]: i, x: i * 0.5 };
    junk.push(entry);
    void JSON.stringify(entry).length;
    void crowdedSim.weightsHash();
  }
}
let crowdedI = 0;
const callSites = interleaved({
  clean: () => ratePerSecond(() => detSim.stepOnce(), ROUND_MS, 20),
  crowded: () => ratePerSecond(() => crowdedStep(crowdedI++), ROUND_MS, 20),
}, ROUNDS + 1);

const mathCalls = measureMathCalls(quick ? 5 : 15);
cleanup();

const result = {
  machine: `${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), Node ${process.version}`,
  timing: `CPU time of this process; medians of ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms`,
  page: PAGE,
  presets,
  mlp: {
    config: "MLP 2-16-16-1 tanh, 200 two-moons points, batch 20, SGD, L2",
    stepsPerSec: {
      deterministic: Math.round(median(mlp.deterministic)),
      mathTanh: Math.round(median(mlp.mathTanh)),
      playground: Math.round(median(mlp.playground)),
    },
    deterministicVsMathTanh: round(medianRatio(mlp.deterministic, mlp.mathTanh), 2),
    deterministicVsPlayground: round(medianRatio(mlp.deterministic, mlp.playground), 2),
  },
  grid100: {
    ms: { deterministic: round(median(grid.deterministic), 2), mathTanh: round(median(grid.mathTanh), 2), playground: round(median(grid.playground), 2) },
    deterministicVsMathTanh: round(medianRatio(grid.deterministic, grid.mathTanh), 2),
    deterministicVsPlayground: round(medianRatio(grid.deterministic, grid.playground), 2),
  },
  callSites: {
    clean: Math.round(median(callSites.clean.slice(1))),
    crowded: Math.round(median(callSites.crowded.slice(1))),
    crowdedVsClean: round(medianRatio(callSites.crowded.slice(1), callSites.clean.slice(1)), 2),
  },
  mathCalls: mathCalls.map((r) => ({ fn: r.fn, ns: round(r.ns, 1), nativeNs: round(r.nativeNs, 1), ratio: round(r.ratio, 2) })),
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const pad = (s: unknown, n: number) => String(s ?? "–").padStart(n);
  console.log(`LiveLab engine benchmark — ${result.machine}\n${result.timing}\n`);
  console.log("preset                 lanes   steps/s  × 1x  × 4x  metrics/frame  grid 50² / 80²   4x headroom");
  for (const r of presets) {
    console.log(`${r.preset.padEnd(22)}${pad(r.lanes, 6)}${pad(r.stepsPerSec, 10)}${pad(r.timesFasterThan1x, 6)}${pad(r.timesFasterThan4x, 6)}${pad(r.metricsMs.toFixed(3) + " ms", 15)}${pad(r.phoneGridMs === null ? "–" : `${r.phoneGridMs} / ${r.projectorGridMs} ms`, 17)}${pad(r.headroom4x + "×", 14)}`);
  }
  console.log(`\n(4x headroom: 1 ÷ the share of one core a page needs at 4x — steps, ${PAGE.metricsPerSecond} metrics/s, ${PAGE.gridsPerSecond} phone grids/s.)`);
  const m = result.mlp;
  console.log(`\n${m.config}, steps/s:`);
  console.log(`  LiveLab ${m.stepsPerSec.deterministic} · same engine with Math.tanh ${m.stepsPerSec.mathTanh} · Playground-style network ${m.stepsPerSec.playground}`);
  console.log(`  deterministic ÷ Math.tanh ${m.deterministicVsMathTanh}× · LiveLab ÷ Playground-style ${m.deterministicVsPlayground}×`);
  const g = result.grid100;
  console.log(`100×100 decision grid: LiveLab ${g.ms.deterministic} ms · with Math.tanh ${g.ms.mathTanh} ms · Playground-style ${g.ms.playground} ms`);
  console.log(`  LiveLab time ÷ Math.tanh time ${g.deterministicVsMathTanh}× · LiveLab time ÷ Playground-style time ${g.deterministicVsPlayground}×`);
  const c = result.callSites;
  console.log(`Training from a clean call site ${c.clean} steps/s, from a crowded one ${c.crowded} (${c.crowdedVsClean}×)`);
  console.log("\nns per call          deterministic   Math.*   ratio (same rounds)");
  for (const r of result.mathCalls) console.log(`${r.fn.padEnd(30)}${pad(r.ns, 8)}${pad(r.nativeNs, 9)}${pad(r.ratio + "×", 10)}`);
}
