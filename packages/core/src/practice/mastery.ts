import { byTime, type Evidence } from "./evidence.ts";
import { misconceptionsIn, type Misconception } from "./misconceptions.ts";

/**
 * The mastery rule (docs/PRACTICE.md "The mastery rule"), with its numbers in one place.
 *
 * - Evidence of a skill: graded answers to questions that name it, live or in practice, in time
 *   order. Ungraded and unreadable answers are evidence of nothing.
 * - The row: correct answers in a row, each on a *different variant* (other numbers, another
 *   question, another simulation seed) and without the hint. A wrong answer or a correct one
 *   after opening the hint starts the row again; a correct answer to a variant already in the
 *   row (the same numbers again) neither counts nor breaks it.
 * - **Mastered** when the row reaches `streak` for the first time; it stays mastered (forgetting
 *   is the review schedule's business, not the rule's).
 * - **Retained** once mastered and answered correctly without the hint again on a later
 *   calendar day (at least `retainedAfterDays` after the day it was mastered).
 * - **Misconception**: the same named mistake `misconceptionRepeats` times among the last
 *   `misconceptionWindow` graded answers of the skill.
 * - **Stuck**: not mastered after `stuckAfter` graded answers.
 */
export const MASTERY_RULE = {
  streak: 3,
  retainedAfterDays: 1,
  misconceptionRepeats: 2,
  misconceptionWindow: 8,
  stuckAfter: 8,
} as const;

export type MasteryRule = { readonly [K in keyof typeof MASTERY_RULE]: number };

export type MasteryLevel = "not-started" | "practising" | "mastered" | "retained";

export interface SkillMastery {
  skill: string;
  level: MasteryLevel;
  /** The current row: correct, unassisted answers on different variants. */
  streak: number;
  /** How many more in a row mastery needs (0 once mastered). */
  needed: number;
  /** Graded answers, and how many of them were right. */
  attempts: number;
  correct: number;
  hintsUsed: number;
  masteredAt: number | null;
  retainedAt: number | null;
  lastAt: number | null;
  misconceptions: Misconception[];
  stuck: boolean;
}

export interface MasteryOptions {
  rule?: MasteryRule;
  /** Where calendar days begin for "retained": minutes east of UTC (the school's time zone). */
  utcOffsetMinutes?: number;
}

const DAY_MS = 86_400_000;

/** The calendar day (a day number) of an instant in a time zone `offsetMinutes` east of UTC. */
export function dayNumber(at: number, offsetMinutes = 0): number {
  return Math.floor((at + offsetMinutes * 60_000) / DAY_MS);
}

/** The graded evidence of one skill, oldest first. */
export function gradedEvidence(skill: string, evidence: readonly Evidence[]): Evidence[] {
  return evidence.filter((e) => e.correct !== null && e.skills.includes(skill)).sort(byTime);
}

/**
 * Where a student stands on one skill: a pure function of their history (any order; it is
 * sorted by time, then id), so the same rows always give the same verdict.
 */
export function skillMastery(skill: string, evidence: readonly Evidence[], options: MasteryOptions = {}): SkillMastery {
  const rule = options.rule ?? MASTERY_RULE;
  const offset = options.utcOffsetMinutes ?? 0;
  const graded = gradedEvidence(skill, evidence);
  const row = new Set<string>();
  let masteredAt: number | null = null;
  let retainedAt: number | null = null;
  let correct = 0;
  let hintsUsed = 0;
  for (const e of graded) {
    if (e.hintUsed) hintsUsed++;
    if (e.correct) correct++;
    if (!e.correct || e.hintUsed) {
      row.clear();
      continue;
    }
    if (masteredAt !== null && retainedAt === null && dayNumber(e.at, offset) - dayNumber(masteredAt, offset) >= rule.retainedAfterDays) retainedAt = e.at;
    if (row.has(e.variant)) continue;
    row.add(e.variant);
    if (masteredAt === null && row.size >= rule.streak) masteredAt = e.at;
  }
  const mastered = masteredAt !== null;
  const level = retainedAt !== null ? "retained" : mastered ? "mastered" : graded.length > 0 ? "practising" : "not-started";
  return {
    skill, level, streak: row.size, needed: mastered ? 0 : Math.max(0, rule.streak - row.size),
    attempts: graded.length, correct, hintsUsed, masteredAt, retainedAt, lastAt: graded.at(-1)?.at ?? null,
    misconceptions: misconceptionsIn(graded, rule), stuck: !mastered && graded.length >= rule.stuckAfter,
  };
}

/** Whether a level counts as mastered (retained is mastered too). */
export function isMastered(m: Pick<SkillMastery, "level">): boolean {
  return m.level === "mastered" || m.level === "retained";
}

/** Mastery of several skills from one history. */
export function masteryOf(skills: readonly string[], evidence: readonly Evidence[], options: MasteryOptions = {}): Record<string, SkillMastery> {
  const out: Record<string, SkillMastery> = {};
  for (const s of skills) out[s] = skillMastery(s, evidence, options);
  return out;
}
