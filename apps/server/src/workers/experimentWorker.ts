/**
 * Worker thread: trains one class-experiment choice with the engine, off the main event loop.
 * Messages in: { id, presetId, params, seed, steps }; out: { id, ok, trainLoss, valLoss } | { id, ok: false, error }.
 */
import { parentPort } from "node:worker_threads";
import { Simulation } from "@livelab/core/sim";

parentPort?.on("message", (m: { id: number; presetId: string; params: Record<string, unknown>; seed: number; steps: number }) => {
  try {
    const sim = Simulation.create({ presetId: m.presetId, params: m.params, seed: m.seed });
    sim.advanceTo(m.steps);
    const metrics = sim.metrics();
    parentPort?.postMessage({ id: m.id, ok: true, trainLoss: metrics.trainLoss, valLoss: metrics.valLoss });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, ok: false, error: (e as Error).message });
  }
});
