/**
 * The cross-engine determinism check. Bundled by esbuild into one plain script and run in
 * V8 (Node, Chromium), JavaScriptCore and SpiderMonkey: every engine must print exactly the
 * hashes pinned in hashes.json. Imports only the engine (no zod, no mathjs).
 */
import { detCos, detExp, detLog, detSigmoid, detSin, detTanh } from "../../src/sim/math/detmath.ts";
import { hashFloat64Arrays } from "../../src/sim/math/hash.ts";
import { Prng } from "../../src/sim/math/prng.ts";
import { PRESETS } from "../../src/sim/presets/registry.ts";
import { Simulation } from "../../src/sim/simulation.ts";

export const GOLDEN_STEPS = [0, 50, 200] as const;
export const GOLDEN_SEED = 2026;

export interface GoldenResult {
  math: Record<string, string>;
  presets: Record<string, string[]>;
}

function mathHash(f: (x: number) => number, lo: number, hi: number): string {
  const rng = new Prng(123);
  const out = new Float64Array(5000);
  for (let i = 0; i < out.length; i++) out[i] = f(rng.uniform(lo, hi));
  return hashFloat64Arrays([out]);
}

export function runGoldenCheck(): GoldenResult {
  const math = {
    exp: mathHash(detExp, -50, 50),
    log: mathHash(detLog, 1e-6, 1e6),
    tanh: mathHash(detTanh, -10, 10),
    sigmoid: mathHash(detSigmoid, -20, 20),
    sin: mathHash(detSin, -10, 10),
    cos: mathHash(detCos, -10, 10),
  };
  const presets: Record<string, string[]> = {};
  for (const p of PRESETS) {
    const sim = Simulation.create({ presetId: p.id, seed: GOLDEN_SEED });
    presets[p.id] = GOLDEN_STEPS.map((s) => {
      sim.advanceTo(s);
      return sim.weightsHash();
    });
  }
  // A run with live changes and dropout exercises the timeline path too.
  const timeline = Simulation.create({
    presetId: "dropout-moons", seed: GOLDEN_SEED, params: { keepProb: 0.7 },
    changes: [{ step: 60, params: { keepProb: 0.5, l2: 0.01 } }, { step: 120, params: { lr: 0.02 } }],
  });
  presets["dropout-moons+timeline"] = GOLDEN_STEPS.map((s) => {
    timeline.advanceTo(s);
    return timeline.weightsHash();
  });
  return { math, presets };
}
