import { mixSeed, seedFromString } from "../sim/math/prng.ts";
import { optionOrder } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import type { AnswerRecord } from "./state.ts";
import { finalAttempt } from "../score/definition.ts";

/**
 * An answer distribution as people read it: option texts with their letter, each named
 * mistake's label ("Used 1 − ηλ (dropped the 2)"), "Other wrong answers", "Tried — unreadable" —
 * never an option id or a mistake key. Built here so the console and the projector agree.
 */
export interface ResultBar {
  /** Stable identity for rendering only (an option id, a mistake key, "correct", …): never shown. */
  key: string;
  label: string;
  count: number;
  tone: "option" | "correct" | "mistake" | "other" | "unreadable";
  /** Choice questions: the option's letter in the class's order (A, B, …). */
  letter?: string;
  /** Marks the right option(s) / the right-answer bar; left out when it must not be known yet. */
  correct?: boolean;
}

const LETTERS = "ABCDEFGHIJKL";

/**
 * The options of a choice question in the class's order: one seeded shuffle per session and
 * question (so "A" is not always the right one), the same on the projector, the console and
 * every phone's letters. Each phone still shows its own order.
 */
export function classOptionOrder(template: QuestionTemplate, sessionSeed: number): string[] {
  return optionOrder(template, mixSeed(sessionSeed, seedFromString(`class:${template.id}`)));
}

/** Option id → its letter in the class's order. */
export function optionLetters(template: QuestionTemplate, sessionSeed: number): Record<string, string> {
  return Object.fromEntries(classOptionOrder(template, sessionSeed).map((id, i) => [id, LETTERS[i]]));
}

/** Counts of the last attempt of each student: option ids for choices; "correct", a mistake key, "other" otherwise. */
export function tally(template: QuestionTemplate, byParticipant: Readonly<Record<string, AnswerRecord[]>>): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (k: string) => { counts[k] = (counts[k] ?? 0) + 1; };
  for (const attempts of Object.values(byParticipant)) {
    const last = finalAttempt(attempts); // the one definition of the attempt that counts
    if (!last) continue;
    const r = last.result;
    if (template.kind === "single") {
      if (typeof last.answer === "string") bump(last.answer);
    } else if (template.kind === "multiple") {
      if (Array.isArray(last.answer)) for (const a of last.answer) bump(String(a));
    } else if (template.kind === "text") {
      bump("answered");
    } else {
      bump(r.status === "correct" ? "correct" : (r.feedbackKey ?? "other"));
    }
  }
  return counts;
}

/**
 * The bars of one question. `correctIds` marks the right option(s) (null: not to be shown);
 * for numeric and expression questions `withCorrect` says whether the right-answer bar may be
 * labelled as such. Text questions have no bars (their answers form a wall).
 */
export function resultBars(
  template: QuestionTemplate, counts: Readonly<Record<string, number>>, unreadable: number,
  o: { sessionSeed: number; correctIds: readonly string[] | null },
): ResultBar[] {
  if (template.kind === "text") return [];
  if (template.kind === "single" || template.kind === "multiple") {
    const byId = new Map(template.options.map((opt) => [opt.id, opt]));
    return classOptionOrder(template, o.sessionSeed).map((id, i) => ({
      key: id, label: byId.get(id)!.text, count: counts[id] ?? 0, tone: "option" as const, letter: LETTERS[i],
      ...(o.correctIds ? { correct: o.correctIds.includes(id) } : {}),
    }));
  }
  const bars: ResultBar[] = [{ key: "correct", label: "Right answer", count: counts.correct ?? 0, tone: "correct", correct: true }];
  for (const m of template.mistakes) {
    if (counts[m.key]) bars.push({ key: m.key, label: m.label, count: counts[m.key], tone: "mistake" });
  }
  if (counts.other) bars.push({ key: "other", label: "Other wrong answers", count: counts.other, tone: "other" });
  if (unreadable > 0) bars.push({ key: "unreadable", label: "Tried — unreadable", count: unreadable, tone: "unreadable" });
  return bars;
}

/** The right option(s) of a choice question (a prediction's once fixed), or null. */
export function correctOptions(template: QuestionTemplate, predictionOutcome: string | null | undefined): string[] | null {
  if (template.kind === "multiple") return [...template.correct];
  if (template.kind !== "single") return null;
  if (template.prediction) return predictionOutcome ? [predictionOutcome] : null;
  return template.correct ? [template.correct] : null;
}
