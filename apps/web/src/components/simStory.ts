import type { Simulation, SimMetrics } from "@livelab/core/sim";
import type { Timeline } from "@livelab/core/timeline";
import type { LaneHistory } from "../lib/useLockstep";
import type { Marker, Series } from "./LossChart";

/**
 * The words and marks that make a simulation tell its story, shared by the projector, the
 * console and the phones: which line is which, where early stopping's best step was, what
 * it kept, and why Adam + L2 and AdamW end where they do.
 */

/**
 * Playing, paused or finished, as every screen says it. The timeline stays "playing" on the
 * server once it reaches its last step (every screen computes the step from the same clock), so
 * the words come from the step shown: at the last step it is finished, whatever the flag says.
 */
export type PlayState = "playing" | "paused" | "finished";
export function playState(t: Pick<Timeline, "playing" | "maxSteps">, step: number): PlayState {
  if (step >= t.maxSteps) return "finished";
  return t.playing ? "playing" : "paused";
}
export const PLAY_STATE_TEXT: Record<PlayState, string> = { playing: "▶ playing", paused: "❚❚ paused", finished: "✓ finished" };

/** Training (solid) and validation (dashed) loss of each lane, the lane's name first when there are several. */
export function lossSeries(lanes: LaneHistory[], colors: string[]): Series[] {
  return lanes.flatMap((l, i) => [
    { label: `${lanes.length > 1 ? l.label + " " : ""}training`, values: l.train, color: colors[i], dash: [] as number[] },
    { label: `${lanes.length > 1 ? l.label + " " : ""}validation`, values: l.val, color: colors[i], dash: [6, 4] },
  ]);
}

/** Early stopping's best step as a line on the loss chart (none for runs that do not track it). */
export function bestStepMarkers(m: SimMetrics): Marker[] {
  if (m.bestStep === undefined) return [];
  return [{ step: m.bestStep, label: m.stopped ? `best step ${m.bestStep}: weights kept` : `best so far: step ${m.bestStep}`, color: "#15803d" }];
}

/** What early stopping did, in one sentence, once it has stopped. */
export function earlyStopNote(sim: Simulation, m: SimMetrics): string | null {
  if (!m.stopped || m.bestStep === undefined) return null;
  const patience = typeof sim.params.patience === "number" ? sim.params.patience : 0;
  return `Stopped at step ${m.bestStep + patience}, ${patience} steps without a better validation loss; the weights from step ${m.bestStep} are restored (validation loss ${m.bestValLoss?.toFixed(3)}).`;
}

/** Why the two Adam variants end where they do (the teacher notes say more). */
export const ADAM_CAPTION =
  "Adam + L2 divides the penalty's pull by each weight's own gradient scale, so weights the data barely uses are pulled to 0 at about η per step: here it ends with the smaller ‖w‖². AdamW shrinks every weight by the same factor 1 − 2ηλ each step, whatever its gradients.";

/**
 * The numbers this simulation is about, short ("λ = 0.01", "p = 0.5"): the symbol of each of its
 * controls' labels ("λ₁ (L1)" → "λ₁", "keep probability p" → "p"); choices like the L1 update
 * stay on the console.
 */
export function paramChips(sim: Simulation): string[] {
  return sim.preset.controls.flatMap((name) => {
    const def = sim.preset.params[name];
    if (!def || def.type !== "number") return [];
    const symbol = def.label.split(" (")[0].split(" ").at(-1);
    return [`${symbol} = ${String(sim.params[name])}`];
  });
}

/** A simulation's ending explains itself only once the run has reached it (before, it would answer the prediction). */
export function storyCaption(sim: Simulation, step: number, maxSteps: number): string | null {
  return sim.preset.id === "adam-vs-adamw" && step >= maxSteps ? ADAM_CAPTION : null;
}
