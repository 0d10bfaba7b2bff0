import type { MasteryLevel } from "@livelab/core/practice";

/** A mastery level in words, and its badge's class (the phone and the teacher's grid say the same). */
export const LEVEL_TEXT: Record<MasteryLevel, string> = {
  "not-started": "Not started",
  practising: "Practising",
  mastered: "Mastered",
  retained: "Mastered and retained",
};

/** A short form for grid cells. */
export const LEVEL_SHORT: Record<MasteryLevel, string> = {
  "not-started": "–",
  practising: "…",
  mastered: "✓",
  retained: "✓✓",
};

/** "in 3 days", "today", "tomorrow" from server times. */
export function dueIn(due: number, now: number): string {
  const days = Math.round((due - now) / 86_400_000);
  if (due <= now) return "due now";
  if (days <= 0) return "due later today";
  if (days === 1) return "due tomorrow";
  return `due in ${days} days`;
}

/** A due date as a person reads it (the browser's language). */
export function dueDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
}
