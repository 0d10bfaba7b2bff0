import { describe, expect, it } from "vitest";
import { SimError } from "./errors.ts";
import { resume, snapshot } from "./keyframe.ts";
import { PRESETS } from "./presets/registry.ts";
import { Simulation } from "./simulation.ts";
import { detSigmoid } from "./math/detmath.ts";
import { decisionGrid, dropoutMask, exactSolutions, fittedCurve, geometry, layerWeights, paths } from "./views.ts";

describe("determinism", () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: same spec, same weights; snapshot → JSON → resume equals an uninterrupted run`, () => {
      const spec = { presetId: preset.id, seed: 7 };
      const a = Simulation.create(spec);
      const b = Simulation.create(spec);
      a.advanceTo(150);
      b.advanceTo(150);
      expect(a.weightsHash()).toBe(b.weightsHash());
      const kf = JSON.parse(JSON.stringify(snapshot(a)));
      const resumed = resume(kf);
      expect(resumed.step).toBe(150);
      expect(resumed.weightsHash()).toBe(a.weightsHash());
      a.advanceTo(300);
      resumed.advanceTo(300);
      expect(resumed.weightsHash()).toBe(a.weightsHash());
      expect(resumed.metrics()).toEqual(a.metrics());
    });
  }

  it("different seeds give different runs", () => {
    const a = Simulation.create({ presetId: "dropout-moons", seed: 1 });
    const b = Simulation.create({ presetId: "dropout-moons", seed: 2 });
    expect(a.weightsHash()).not.toBe(b.weightsHash());
  });
});

describe("timelines", () => {
  it("a live change at a step equals the same change scheduled in the spec, and rewinding replays it", () => {
    const scheduled = Simulation.create({ presetId: "dropout-moons", seed: 3, params: { keepProb: 0.8 }, changes: [{ step: 40, params: { keepProb: 0.5, l2: 0.01 } }] });
    scheduled.advanceTo(100);

    const live = Simulation.create({ presetId: "dropout-moons", seed: 3, params: { keepProb: 0.8 } });
    live.advanceTo(40);
    live.addChange({ step: 40, params: { keepProb: 0.5, l2: 0.01 } });
    live.advanceTo(100);
    expect(live.weightsHash()).toBe(scheduled.weightsHash());
    expect(live.params.keepProb).toBe(0.5);

    // A change inserted in the past is replayed.
    const late = Simulation.create({ presetId: "dropout-moons", seed: 3, params: { keepProb: 0.8 } });
    late.advanceTo(100);
    late.addChange({ step: 40, params: { keepProb: 0.5, l2: 0.01 } });
    expect(late.step).toBe(100);
    expect(late.weightsHash()).toBe(scheduled.weightsHash());

    // Seeking back and forward lands on the same states.
    late.advanceTo(20);
    const at20 = Simulation.create({ presetId: "dropout-moons", seed: 3, params: { keepProb: 0.8 } });
    at20.advanceTo(20);
    expect(late.weightsHash()).toBe(at20.weightsHash());
    late.advanceTo(100);
    expect(late.weightsHash()).toBe(scheduled.weightsHash());
  });

  it("keyframes carry the changes already applied; future changes are passed to resume", () => {
    const changes = [{ step: 30, params: { l2: 0.01 } }, { step: 120, params: { l2: 0.1 } }];
    const full = Simulation.create({ presetId: "overfit-poly", seed: 9, changes });
    full.advanceTo(60);
    const kf = snapshot(full);
    expect(kf.params.l2).toBe(0.01);
    const resumed = resume(kf, changes);
    full.advanceTo(200);
    resumed.advanceTo(200);
    expect(resumed.weightsHash()).toBe(full.weightsHash());
    expect(resumed.params.l2).toBe(0.1);
  });

  it("refuses bad parameters and steps with typed errors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof SimError ? e.code : "other";
      }
      return "none";
    };
    expect(code(() => Simulation.create({ presetId: "nope", seed: 1 }))).toBe("UNKNOWN_PRESET");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1, params: { bogus: 1 } }))).toBe("UNKNOWN_PARAM");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1, params: { l2: -1 } }))).toBe("INVALID_PARAM");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1, params: { l2: "big" } }))).toBe("INVALID_PARAM");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1, params: { degree: 2.5 } }))).toBe("INVALID_PARAM");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1, params: { optimizer: "rmsprop" } }))).toBe("INVALID_PARAM");
    expect(code(() => Simulation.create({ presetId: "overfit-poly", seed: 1.5 }))).toBe("INVALID_PARAM");
    const sim = Simulation.create({ presetId: "overfit-poly", seed: 1 });
    expect(code(() => sim.addChange({ step: 5, params: { degree: 3 } }))).toBe("NOT_LIVE");
    expect(code(() => sim.advanceTo(-1))).toBe("BAD_STEP");
    expect(code(() => sim.advanceTo(1e9))).toBe("BAD_STEP");
    expect(code(() => resume({ v: 99 } as never))).toBe("BAD_KEYFRAME");
    expect(sim.step).toBe(0);
  });
});

describe("presets", () => {
  for (const preset of PRESETS) {
    it(`${preset.id} runs at its lesson defaults with finite metrics`, () => {
      const sim = Simulation.create({ presetId: preset.id, seed: 42 });
      sim.advanceTo(200);
      const m = sim.metrics();
      for (const lane of m.lanes) {
        for (const k of ["trainLoss", "valLoss", "penalty", "objective", "l1Norm", "l2NormSq"] as const) expect(Number.isFinite(lane[k])).toBe(true);
        expect(lane.objective).toBeCloseTo(lane.trainLoss + lane.penalty, 12);
      }
      expect(m.lanes).toHaveLength(preset.lanes.length);
    });
  }

  it("overfit-poly overfits: train loss falls toward 0 while validation loss climbs", () => {
    const sim = Simulation.create({ presetId: "overfit-poly", seed: 42 });
    sim.advanceTo(50);
    const early = sim.metrics();
    sim.advanceTo(1500);
    const late = sim.metrics();
    expect(late.trainLoss).toBeLessThan(early.trainLoss);
    expect(late.trainLoss).toBeLessThan(0.01);
    expect(late.valLoss).toBeGreaterThan(3 * early.valLoss);
  });

  it("lambda-experiment draws a U: both extremes are worse than a middle λ", () => {
    const val = (l2: number) => {
      const sim = Simulation.create({ presetId: "lambda-experiment", seed: 42, params: { l2 } });
      sim.advanceTo(1500);
      return sim.metrics().valLoss;
    };
    const [none, mid, huge] = [val(0), val(0.03), val(10)];
    expect(mid).toBeLessThan(none);
    expect(mid).toBeLessThan(huge);
  });

  it("dropout lowers validation loss on the noisy moons (p = 0.5 vs p = 1)", () => {
    const val = (keepProb: number) => {
      const sim = Simulation.create({ presetId: "dropout-moons", seed: 42, params: { keepProb } });
      sim.advanceTo(2000);
      return sim.metrics().valLoss;
    };
    expect(val(0.5)).toBeLessThan(val(1));
  });
});

describe("views", () => {
  it("fitted curve, coefficient bars and exact solutions for the polynomial", () => {
    const sim = Simulation.create({ presetId: "overfit-poly", seed: 42, params: { l2: 0.01 } });
    sim.advanceTo(1500);
    const curve = fittedCurve(sim, 0, 50);
    expect(curve.x).toHaveLength(50);
    expect(curve.x[0]).toBe(-1);
    expect(curve.x[49]).toBe(1);
    const [layer] = layerWeights(sim);
    expect(layer.weights[0]).toHaveLength(9);
    const [exact] = exactSolutions(sim);
    layer.weights[0].forEach((w, j) => expect(w).toBeCloseTo(exact.weights[j], 5));
    expect(() => decisionGrid(sim)).toThrow(SimError);
  });

  it("decision grid and dropout mask for the network", () => {
    const sim = Simulation.create({ presetId: "dropout-moons", seed: 42, params: { keepProb: 0.5 } });
    sim.advanceTo(300);
    const g = decisionGrid(sim, 0, 20);
    expect(g.probs).toHaveLength(400);
    for (const p of g.probs) expect(p >= 0 && p <= 1).toBe(true);
    const mask = dropoutMask(sim);
    expect(mask).toHaveLength(2);
    expect(mask[0]).toHaveLength(32);
    const kept = mask.flat().filter((m) => m === 1).length;
    expect(kept).toBeGreaterThan(16);
    expect(kept).toBeLessThan(48);
    expect(() => exactSolutions(sim)).toThrow(SimError);
  });

  it("the batched decision grid is bit for bit the network evaluated one point at a time", () => {
    const sim = Simulation.create({ presetId: "adam-vs-adamw", seed: 7 });
    sim.advanceTo(200);
    const t = sim.lanes[1];
    const size = 37; // not a multiple of the evaluation chunk, so the last chunk is partial
    const g = decisionGrid(sim, 1, size, 1.5);
    const point = new Float64Array(2);
    const step = 3 / (size - 1);
    let differ = 0;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        point[0] = -1.5 + c * step;
        point[1] = -1.5 + r * step;
        if (!Object.is(g.probs[r * size + c], detSigmoid(t.net.predict(t.params, point, 0)))) differ++;
      }
    }
    expect(differ).toBe(0);
    // Asking again into a caller's buffer gives the same numbers and returns that buffer.
    const out = new Float64Array(size * size);
    expect(decisionGrid(sim, 1, size, 1.5, out).probs).toBe(out);
    expect(out).toEqual(g.probs);
    // A different lane is a different network.
    expect(decisionGrid(sim, 0, size, 1.5).probs).not.toEqual(g.probs);
  });

  it("regularization paths: lasso weights reach exactly 0 as λ grows, ridge weights do not", () => {
    const sim = Simulation.create({ presetId: "sparse-linear", seed: 42 });
    const p = paths(sim, -3, 1, 20);
    expect(p.l1.zeroWeights[19]).toBe(20);
    expect(p.l1.zeroWeights[0]).toBeLessThan(5);
    expect(p.l2.zeroWeights.every((z) => z === 0)).toBe(true);
    // Ridge shrinks monotonically in norm.
    const norms = p.l2.weights.map((w) => w.reduce((s, x) => s + x * x, 0));
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1]);
  });

  it("constraint geometry: the lasso touches a corner (one weight exactly 0), ridge touches the circle off-axis", () => {
    const sim = Simulation.create({ presetId: "constraint-geometry", seed: 42 });
    const g = geometry(sim);
    expect(g.l1.weights.filter((w) => w === 0)).toHaveLength(1);
    expect(g.l2.weights.every((w) => w !== 0)).toBe(true);
    expect(g.l1.radius).toBeCloseTo(Math.abs(g.l1.weights[0]) + Math.abs(g.l1.weights[1]), 12);
    expect(g.l2.loss).toBeGreaterThan(g.minLoss);
    // The trained L1 lane agrees with the exact corner.
    sim.advanceTo(300);
    expect(sim.metrics().lanes[0].zeroWeights).toBe(1);
  });
});

describe("preset controls", () => {
  it("every control a preset offers the console is one of its live parameters, and a lane's fixed optimizer is not one", () => {
    for (const p of PRESETS) {
      for (const name of p.controls) expect(p.params[name]?.live, `${p.id}.${name}`).toBe(true);
    }
    expect(PRESETS.find((p) => p.id === "adam-vs-adamw")!.controls).not.toContain("optimizer");
    expect(PRESETS.find((p) => p.id === "adam-vs-adamw")!.controls).not.toContain("keepProb");
  });
});
