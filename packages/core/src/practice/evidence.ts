import type { QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";

/**
 * One answer as evidence of skills: a practice attempt or a live-class answer, the same shape
 * either way, so one student has one history (docs/PRACTICE.md). The mastery rule, the review
 * schedule and the teacher's grid are pure functions of a list of these.
 */
export interface Evidence {
  /** Stable id of the stored row (orders answers given in the same millisecond). */
  id: string;
  /** When the server stored it (ms since the epoch). */
  at: number;
  source: "practice" | "live";
  lessonId: string;
  questionId: string;
  /** Which numbers the student saw: two answers with the same variant answered the same item. */
  variant: string;
  skills: readonly string[];
  /** null: not graded (a written answer, an unresolved prediction), so evidence of nothing. */
  correct: boolean | null;
  /** The student opened the hint before answering (practice records it; live hints are not recorded). */
  hintUsed: boolean;
  /** The named mistake the answer matched (a numeric or formula question's `mistakes`), if any. */
  mistake: { key: string; label: string } | null;
}

/** Order of a history: by time, then by id, so the same rows always give the same result. */
export function byTime(a: Evidence, b: Evidence): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The variant of an item: the question and the numbers shown (parameters in name order), plus
 * a prediction's simulation seed. Options shuffled differently are not a new variant.
 */
export function variantKey(questionId: string, params: QuestionParams, simulationSeed: number | null = null): string {
  const parts = Object.keys(params).sort().map((k) => `${k}=${params[k]}`);
  if (simulationSeed !== null) parts.push(`sim=${simulationSeed}`);
  return `${questionId}|${parts.join(",")}`;
}

/** The named mistake a stored feedback key stands for (numeric and formula questions only, as in reports). */
export function namedMistake(template: QuestionTemplate | undefined, feedbackKey: string | null): Evidence["mistake"] {
  if (!template || !feedbackKey || (template.kind !== "numeric" && template.kind !== "expression")) return null;
  const m = template.mistakes.find((x) => x.key === feedbackKey);
  return m ? { key: m.key, label: m.label } : null;
}

/** A stored answer row, live or practice, as the server reads it. */
export interface AnswerRow {
  id: string;
  at: number;
  questionId: string;
  params: QuestionParams;
  /** correct | incorrect | invalid | ungraded */
  status: string;
  correct: boolean | null;
  feedbackKey: string | null;
  hintUsed?: boolean;
  simulationSeed?: number | null;
}

/**
 * A stored answer as evidence, given the question template it answered (from the lesson the
 * class ran, or the practice set). An unreadable answer, or one whose question is gone from the
 * lesson, is evidence of nothing and gives null. So is a live answer to a question worth no
 * points (a poll, a warm-up): students were told to guess freely, the session report leaves it
 * out, and a guess must not count as a wrong answer toward mastery, stuck counts or mistakes.
 */
export function toEvidence(source: Evidence["source"], lessonId: string, template: QuestionTemplate | undefined, row: AnswerRow): Evidence | null {
  if (!template || row.status === "invalid") return null;
  if (source === "live" && template.points === 0) return null;
  const skills = template.skills ?? [];
  if (skills.length === 0) return null;
  return {
    id: row.id, at: row.at, source, lessonId, questionId: row.questionId,
    variant: variantKey(row.questionId, row.params, row.simulationSeed ?? null),
    skills, correct: row.status === "ungraded" ? null : row.correct === true, hintUsed: row.hintUsed ?? false,
    mistake: row.correct === true ? null : namedMistake(template, row.feedbackKey),
  };
}
