import { MAX_ACTIVITIES } from "./schema.ts";

/**
 * Bounds on a lesson as untrusted input, checked before anything parses or stores it. The
 * schema bounds each field (text lengths, 200 activities, 300 questions, 100 values per
 * parameter, 10 parameters per question); these bound the file as a whole, so a hostile file
 * costs little to refuse.
 */
export const LESSON_LIMITS = {
  /** A lesson file or draft as JSON text (the built-in lesson is about 50 kB). */
  jsonBytes: 1_000_000,
  /** An uploaded spreadsheet (.xlsx is zipped: its cells may be ten times larger). */
  importBytes: 2_000_000,
  /** Rows read from a spreadsheet or CSV. */
  importRows: 1_000,
  /** Nesting of JSON objects and arrays (the format needs 8). */
  jsonDepth: 24,
  activities: MAX_ACTIVITIES,
} as const;

/** How deeply `value` nests (iterative: a hostile depth cannot overflow the stack here). */
export function jsonDepth(value: unknown, limit = LESSON_LIMITS.jsonDepth): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > max) max = d + 1;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Why a draft cannot even be stored (null when it can): not an object, nested too deeply, or
 * with more activities than a lesson may have. A draft may be incomplete — the lesson check
 * says what to fix — but never unbounded.
 */
export function draftProblem(draft: unknown, jsonBytes: number): string | null {
  if (draft === null || typeof draft !== "object" || Array.isArray(draft)) return "a lesson is a JSON object";
  // The most telling limit first: "10000 activities" says more than "1.2 MB".
  const activities = (draft as { activities?: unknown }).activities;
  if (activities !== undefined && !Array.isArray(activities)) return "activities must be a list";
  if (Array.isArray(activities) && activities.length > LESSON_LIMITS.activities) {
    return `${activities.length} activities: a lesson has at most ${LESSON_LIMITS.activities}`;
  }
  if (jsonBytes > LESSON_LIMITS.jsonBytes) return `the lesson is ${formatBytes(jsonBytes)}: at most ${formatBytes(LESSON_LIMITS.jsonBytes)}`;
  if (jsonDepth(draft) > LESSON_LIMITS.jsonDepth) return `the lesson nests deeper than ${LESSON_LIMITS.jsonDepth} levels`;
  return null;
}

/** "1.04 MB", "50 MB", "640 kB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(2))} MB`;
  if (n >= 1_000) return `${Math.round(n / 1_000)} kB`;
  return `${n} bytes`;
}
