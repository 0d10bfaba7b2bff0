import { getPreset } from "../sim/presets/registry.ts";
import { resolveParams, type ParamValues } from "../sim/presets/params.ts";
import type { ParamChange } from "../sim/simulation.ts";

export const SPEEDS = [0.25, 1, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/**
 * The shared clock of a lockstep simulation. Every client renders
 *   step = min(maxSteps, stepAtAnchor + ⌊(serverNow − anchorTime) · stepsPerSecond · speed / 1000⌋)
 * while playing, and `stepAtAnchor` while paused; `(presetId, params, seed, changes)` fixes
 * what every step looks like. Only the timeline travels over the network, never frames.
 */
export interface Timeline {
  activityId: string;
  presetId: string;
  params: ParamValues;
  seed: number;
  /** Live parameter changes, by step (the teacher's λ slider, p slider, …). */
  changes: ParamChange[];
  playing: boolean;
  speed: Speed;
  /** The preset's 1x rate. */
  stepsPerSecond: number;
  stepAtAnchor: number;
  /** Server time (ms) at which the timeline was at stepAtAnchor. */
  anchorTime: number;
  maxSteps: number;
  /** Bumped on every change, so clients can drop stale checkpoints. */
  revision: number;
}

export function newTimeline(activityId: string, sim: { presetId: string; params: Record<string, unknown>; seed: number; steps?: number }, now: number): Timeline {
  const preset = getPreset(sim.presetId);
  return {
    activityId,
    presetId: sim.presetId,
    params: resolveParams(preset.params, sim.params),
    seed: sim.seed,
    changes: [],
    playing: false,
    speed: 1,
    stepsPerSecond: preset.playback.stepsPerSecond,
    stepAtAnchor: 0,
    anchorTime: now,
    maxSteps: sim.steps ?? preset.playback.defaultSteps,
    revision: 0,
  };
}

/** The step the timeline shows at server time `now`. */
export function stepAt(t: Timeline, now: number): number {
  if (!t.playing) return t.stepAtAnchor;
  const elapsed = Math.max(0, now - t.anchorTime);
  return Math.min(t.maxSteps, t.stepAtAnchor + Math.floor((elapsed * t.stepsPerSecond * t.speed) / 1000));
}

/** Re-anchor at the current step (before changing speed, pausing, …). */
function anchored(t: Timeline, now: number): Timeline {
  return { ...t, stepAtAnchor: stepAt(t, now), anchorTime: now, revision: t.revision + 1 };
}

export function play(t: Timeline, now: number): Timeline {
  const a = anchored(t, now);
  if (a.stepAtAnchor < a.maxSteps) return { ...a, playing: true };
  // Playing from the end restarts from the beginning, as a media player does — with the
  // parameters in force now (the λ just set at the end), not the ones the run started with.
  return { ...a, playing: true, stepAtAnchor: 0, params: paramsNow(a), changes: [] };
}

/** The parameters in force at the end of the timeline's changes. */
export function paramsNow(t: Timeline): ParamValues {
  let params = { ...t.params };
  for (const c of t.changes) params = { ...params, ...(c.params as ParamValues) };
  return params;
}

export function pause(t: Timeline, now: number): Timeline {
  return { ...anchored(t, now), playing: false };
}

export function stepBy(t: Timeline, now: number, n: number): Timeline {
  const a = pause(t, now);
  return { ...a, stepAtAnchor: Math.max(0, Math.min(a.maxSteps, a.stepAtAnchor + n)) };
}

export function seek(t: Timeline, now: number, step: number): Timeline {
  return { ...anchored(t, now), stepAtAnchor: Math.max(0, Math.min(t.maxSteps, step)) };
}

export function setSpeed(t: Timeline, now: number, speed: Speed): Timeline {
  return { ...anchored(t, now), speed };
}

/**
 * A live parameter change at the current step. Later changes (from before a rewind) are
 * dropped: changing a parameter starts a new branch of the run from here.
 */
export function changeParams(t: Timeline, now: number, params: ParamValues): Timeline {
  const a = anchored(t, now);
  const step = a.stepAtAnchor;
  const kept = a.changes.filter((c) => c.step < step);
  const same = a.changes.find((c) => c.step === step);
  const merged = same ? { step, params: { ...(same.params as ParamValues), ...params } } : { step, params };
  return { ...a, changes: [...kept, merged] };
}

export function reset(t: Timeline, now: number): Timeline {
  return { ...t, changes: [], playing: false, stepAtAnchor: 0, anchorTime: now, revision: t.revision + 1 };
}
