import { createEmptyCard, fsrs, Rating, type Card, type Grade } from "ts-fsrs";
import type { Evidence } from "./evidence.ts";
import { gradedEvidence, type SkillMastery } from "./mastery.ts";

/**
 * Spaced review of mastered skills with FSRS (the `ts-fsrs` library), derived from the history
 * alone: nothing is stored but the answers, so the schedule is a pure function of (evidence,
 * when mastered). docs/PRACTICE.md "Spaced review".
 *
 * - Mastery is the first review, rated Good: the card's first interval starts there.
 * - After that, the first graded answer on the skill at or after the card's due time is the next
 *   review: wrong → Again (a lapse: the next interval is short), correct after opening the hint
 *   → Hard, correct → Good. Answers before the due time are practice, not reviews: they do not
 *   move the schedule (FSRS models recall after a delay).
 *
 * Purity: ts-fsrs is called with explicit times only (numbers; it reads the clock only when no
 * time is given), with fuzz off (its fuzz draws from a seeded generator, but off means equal
 * histories give equal dates) and without short-term learning steps (skills are reviewed over
 * days, not minutes). ts-fsrs computes with Math.exp/Math.pow; schedules are computed on the
 * server only, so the last bits that differ between JavaScript engines never meet.
 */
export const FSRS_PARAMETERS = { request_retention: 0.9, maximum_interval: 365, enable_fuzz: false, enable_short_term: false } as const;

const scheduler = fsrs(FSRS_PARAMETERS);

export type ReviewRating = "again" | "hard" | "good";

export interface ReviewStep {
  at: number;
  rating: ReviewRating;
  /** When the next review falls due after this one. */
  due: number;
}

export interface ReviewSchedule {
  /** When the next review is due (ms since the epoch). */
  due: number;
  /** Reviews so far, the mastery itself first. */
  reviews: ReviewStep[];
  lapses: number;
  stability: number;
}

const GRADE: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good };

function ratingOf(e: Evidence): ReviewRating {
  if (!e.correct) return "again";
  return e.hintUsed ? "hard" : "good";
}

/** The review schedule of a skill, or null while it is not mastered. */
export function reviewSchedule(skill: string, mastery: Pick<SkillMastery, "masteredAt">, evidence: readonly Evidence[]): ReviewSchedule | null {
  if (mastery.masteredAt === null) return null;
  const masteredAt = mastery.masteredAt;
  let card: Card = scheduler.next(createEmptyCard(masteredAt), masteredAt, GRADE.good).card;
  const reviews: ReviewStep[] = [{ at: masteredAt, rating: "good", due: card.due.getTime() }];
  for (const e of gradedEvidence(skill, evidence)) {
    if (e.at <= masteredAt || e.at < card.due.getTime()) continue;
    const rating = ratingOf(e);
    card = scheduler.next(card, e.at, GRADE[rating]).card;
    reviews.push({ at: e.at, rating, due: card.due.getTime() });
  }
  return { due: card.due.getTime(), reviews, lapses: card.lapses, stability: card.stability };
}

/** Whether a review is due at `now`. */
export function reviewDue(schedule: ReviewSchedule | null, now: number): boolean {
  return schedule !== null && now >= schedule.due;
}
