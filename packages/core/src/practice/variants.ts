import type { Lesson } from "../lesson/schema.ts";
import { sampleParams, type QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { mixSeed, Prng } from "../sim/math/prng.ts";
import { variantKey } from "./evidence.ts";

/** A question a skill can be practised with: where it comes from and the template. */
export interface PracticeCandidate {
  lessonId: string;
  template: QuestionTemplate;
}

/**
 * The questions of these lessons that practise `skill`, in lesson order: graded kinds only (a
 * written answer or a poll without a right answer is not practice).
 */
export function practiceCandidates(lessons: readonly Lesson[], skill: string): PracticeCandidate[] {
  const out: PracticeCandidate[] = [];
  for (const lesson of lessons) {
    for (const a of lesson.activities) {
      for (const q of a.questions) {
        if (!(q.skills ?? []).includes(skill) || !isGradable(q)) continue;
        out.push({ lessonId: lesson.id, template: q });
      }
    }
  }
  return out;
}

function isGradable(q: QuestionTemplate): boolean {
  if (q.kind === "text") return false;
  if (q.kind === "single") return q.correct !== undefined || q.prediction !== undefined;
  return true;
}

/**
 * Fresh simulations for prediction questions in practice: each attempt runs the prediction's
 * simulation with one of these seeds instead of the class's. A small pool, so the server can
 * keep every outcome it has computed (one short simulation each).
 */
export const PREDICTION_SEEDS = [101, 202, 303, 404, 505, 606, 707, 808] as const;

/** The simulation seed a prediction question uses for the practice item with this seed (null for other questions). */
export function predictionSeedFor(template: QuestionTemplate, seed: number): number | null {
  if (template.kind !== "single" || !template.prediction) return null;
  return PREDICTION_SEEDS[seed % PREDICTION_SEEDS.length];
}

export interface ChosenVariant extends PracticeCandidate {
  /** Seeds the item's numbers and option order (and a prediction's simulation). */
  seed: number;
  params: QuestionParams;
  simulationSeed: number | null;
  variant: string;
}

export interface VariantRequest {
  /** The student's own seed (made once, when they join the class). */
  studentSeed: number;
  /** How many practice items the student has been given before (a new seed per attempt). */
  serial: number;
  /** The variant of the student's previous item of this skill, if any: never the same twice in a row. */
  previous: string | null;
  /**
   * Variants of the student's last few items of this skill: avoided too while other variants
   * exist, so a row of right answers is a row of different questions (the mastery rule counts
   * only different variants).
   */
  recent?: readonly string[];
}

/** Draws tried before settling for a repeat (a skill with a single variant has no other). */
const TRIES = 32;

/**
 * A fresh variant for the next practice item: a seed from (student seed, serial, try), a
 * question of the skill drawn with it, its numbers drawn with it — drawn again while that gives
 * a variant of the student's last few items. If every try does (a skill with few variants), the
 * first try that differs from the very variant they just answered is taken. Deterministic: the
 * same request gives the same item.
 */
export function chooseVariant(candidates: readonly PracticeCandidate[], req: VariantRequest): ChosenVariant {
  if (candidates.length === 0) throw new Error("no question practises this skill");
  const recent = new Set(req.recent ?? []);
  if (req.previous !== null) recent.add(req.previous);
  let chosen: ChosenVariant | null = null;
  let fallback: ChosenVariant | null = null;
  for (let t = 0; t < TRIES; t++) {
    const seed = mixSeed(req.studentSeed, req.serial, t) & 0x7fffffff;
    const pick = candidates[new Prng(seed).nextInt(candidates.length)];
    const params = sampleParams(pick.template, seed);
    const simulationSeed = predictionSeedFor(pick.template, seed);
    chosen = { ...pick, seed, params, simulationSeed, variant: variantKey(pick.template.id, params, simulationSeed) };
    if (!recent.has(chosen.variant)) return chosen;
    if (fallback === null && chosen.variant !== req.previous) fallback = chosen;
  }
  return fallback ?? chosen!;
}

/** How many different variants a skill's questions offer (mastery needs at least MASTERY_RULE.streak). */
export function variantCount(candidates: readonly PracticeCandidate[]): number {
  let n = 0;
  for (const { template } of candidates) {
    let sets = 1;
    for (const spec of Object.values(template.params)) sets *= new Set(spec.values).size;
    n += sets * (predictionSeedFor(template, 0) === null ? 1 : PREDICTION_SEEDS.length);
  }
  return n;
}
