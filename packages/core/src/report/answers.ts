import type { Lesson } from "../lesson/schema.ts";
import { fillPlaceholders } from "../questions/render.ts";
import type { QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";

/** Show an answer as a teacher reads it: option texts for choices, the typed text otherwise. */
export function answerText(template: QuestionTemplate | undefined, answer: unknown, params: QuestionParams = {}): string {
  if (answer === null || answer === undefined) return "";
  if (template && (template.kind === "single" || template.kind === "multiple")) {
    const byId = new Map(template.options.map((o) => [o.id, fillPlaceholders(o.text, params)]));
    const ids = Array.isArray(answer) ? answer : [answer];
    return ids.map((id) => byId.get(String(id)) ?? String(id)).join("; ");
  }
  if (typeof answer === "string") return answer.trim();
  return JSON.stringify(answer);
}

/** Every question of a lesson by id, with the activity it belongs to (built once per report). */
export function questionsById(lesson: Lesson): Map<string, { question: QuestionTemplate; activityId: string }> {
  const m = new Map<string, { question: QuestionTemplate; activityId: string }>();
  for (const a of lesson.activities) for (const q of a.questions) m.set(q.id, { question: q, activityId: a.id });
  return m;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
