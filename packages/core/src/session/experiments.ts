import { ERROR_CODES, type ProtocolError } from "../errors.ts";
import { getPreset } from "../sim/presets/registry.ts";
import type { ParamValues } from "../sim/presets/params.ts";
import { own, type SessionContext, type SessionState } from "./state.ts";

/**
 * Class experiments as the protocol carries them: each student's run (their value, e.g. λ, and
 * the losses the server's training gave) and their rank in the class by validation loss.
 */
export interface ExperimentPoint {
  participantId: string;
  value: number;
  trainLoss: number;
  valLoss: number;
}

/** A student's own run with their place in the class (1 = lowest validation loss). */
export interface ExperimentResult extends ExperimentPoint {
  activityId: string;
  rank: number;
  of: number;
}

/** Every run of an activity, for the projector's U-curve (no names). */
export interface ExperimentPoints {
  activityId: string;
  points: { value: number; valLoss: number; trainLoss: number }[];
}

/**
 * Rank of a validation loss among the class's, sorted ascending: 1 + the number of strictly
 * lower losses, so equal losses share a rank. Binary search: O(log n) per student.
 */
export function rankAmong(sortedValLosses: readonly number[], valLoss: number): number {
  let lo = 0;
  let hi = sortedValLosses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedValLosses[mid] < valLoss) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** What the server trains for one student's choice. */
export interface ExperimentJob {
  presetId: string;
  params: ParamValues;
  seed: number;
  steps: number;
}

/**
 * May this student run this value in the current activity's class experiment? Returns the
 * training job for their choice, or a typed refusal (the value's range comes from the preset).
 */
export function experimentJob(s: SessionState, ctx: SessionContext, participantId: string, activityId: string, value: number): { ok: true; job: ExperimentJob } | { ok: false; error: ProtocolError } {
  const no = (code: ProtocolError["code"], message: string) => ({ ok: false as const, error: { code, message } });
  const p = own(s.participants, participantId);
  if (!p || p.removed) return no(ERROR_CODES.FORBIDDEN, "not a participant of this session");
  if (s.status === "ended") return no(ERROR_CODES.SESSION_ENDED, "this session has ended");
  if (s.paused) return no(ERROR_CODES.SESSION_PAUSED, "the teacher has paused the class");
  const activity = ctx.lesson.activities[s.activityIndex];
  if (!activity || activity.id !== activityId || !activity.experiment) return no(ERROR_CODES.NO_EXPERIMENT, "there is no class experiment running for that activity");
  const def = getPreset(activity.experiment.presetId).experiment;
  if (!def) return no(ERROR_CODES.NO_EXPERIMENT, "this simulation has no class experiment");
  const allowed = (value === 0 && def.allowZero) || (value >= def.min && value <= def.max);
  if (!allowed) return no(ERROR_CODES.INVALID_PARAMS, `${def.label} must be ${def.allowZero ? "0 or " : ""}between ${def.min} and ${def.max}`);
  return { ok: true, job: { presetId: activity.experiment.presetId, params: { ...activity.experiment.params, [def.param]: value }, seed: activity.experiment.seed, steps: def.steps } };
}
