/**
 * What three kinds of students type, worked out the way a student would: from the numbers on
 * their own phone. The prompt a phone shows is the lesson's template with the student's numbers
 * filled in, so matching it against the template gives those numbers back; the lesson (read
 * here in Node, never in the browser) gives the answer formula, its named mistakes and the
 * right option. Test support only.
 */
import { builtInLesson } from "@livelab/core/lesson";
import { compileFormula, expectedNumber, formatNumber, resolvePrediction, type QuestionTemplate } from "@livelab/core/questions";

export const lesson = builtInLesson();
export const templates = new Map(lesson.activities.flatMap((a) => a.questions).map((q) => [q.id, q]));

export type Student = "right" | "mistake" | "nonsense";

/** What a student does with one question: type text, pick an option (by its text), or nothing. */
export type Move = { type: string } | { pick: string } | null;

/** The student's own numbers, read back from their prompt against the template. */
export function paramsFromPrompt(t: QuestionTemplate, prompt: string): Record<string, number> {
  const names: string[] = [];
  const pattern = t.prompt
    .split(/(\{\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}\})/)
    .map((part) => {
      const m = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(part);
      if (m) {
        names.push(m[1]);
        // A negative number after an operator comes in parentheses ("η · (−12)"): they are optional here.
        return "\\(?(-?[0-9.]+(?:e[-+]?[0-9]+)?)\\)?";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  const match = new RegExp(`^${pattern}$`).exec(prompt);
  if (!match) throw new Error(`prompt of ${t.id} does not match its template: ${prompt}`);
  const params: Record<string, number> = {};
  names.forEach((name, i) => { params[name] ??= Number(match[i + 1]); });
  return params;
}

const optionText = (t: QuestionTemplate, id: string) => (t.kind === "single" || t.kind === "multiple" ? t.options.find((o) => o.id === id)!.text : id);

/** One student's move on one question, from the prompt their phone shows. */
export function moveFor(student: Student, t: QuestionTemplate, prompt: string): Move {
  if (t.kind === "text") return { type: student === "right" ? "The diamond has corners on the axes" : student === "mistake" ? "L2 is just weaker" : "asdf qwerty" };
  if (t.kind === "single") {
    const correct = t.prediction ? resolvePrediction(t.prediction) : t.correct ?? null;
    if (student === "nonsense") return null;
    if (student === "right" && correct) return { pick: optionText(t, correct) };
    const wrong = t.options.find((o) => o.id !== correct && o.feedback) ?? t.options.find((o) => o.id !== correct)!;
    return { pick: wrong.text };
  }
  if (t.kind === "multiple") return student === "nonsense" ? null : { pick: optionText(t, t.correct[0]) };
  if (student === "nonsense") return { type: "no idea" };
  if (t.kind === "expression") return { type: student === "right" ? t.answer : t.mistakes[0]?.answer ?? "lambda" };
  const params = paramsFromPrompt(t, prompt);
  if (student === "right") return { type: formatNumber(expectedNumber(t, params)) };
  const m = t.mistakes[0];
  const value = m ? compileFormula(m.answer, Object.keys(params)).evaluate(params) : expectedNumber(t, params) + 1;
  return { type: formatNumber(value) };
}

/**
 * Words no person should ever read: ids and named mistakes' keys with a dash (case-sensitive, whole
 * tokens). A one-word key ("unchanged") is also plain English, so prose cannot be told from a leak.
 */
export function forbiddenTokens(): string[] {
  const out = new Set<string>();
  for (const a of lesson.activities) {
    if (a.id.includes("-")) out.add(a.id);
    for (const q of a.questions) {
      if (q.id.includes("-")) out.add(q.id);
      if (q.kind === "single" || q.kind === "multiple") for (const o of q.options) if (o.id.includes("-")) out.add(o.id);
      if (q.kind === "numeric" || q.kind === "expression") for (const m of q.mistakes) if (m.key.includes("-")) out.add(m.key);
    }
  }
  return [...out];
}
