/**
 * A practising student's answers, worked out from the prompt on their phone: the prompt is one
 * of the skill's templates with their numbers filled in, so matching it against the course's
 * templates (read here in Node, never in the browser) finds the question and its numbers.
 * Test support only.
 */
import { builtInCourse, practiceCandidates } from "@livelab/core/practice";
import type { QuestionTemplate } from "@livelab/core/questions";
import { moveFor, paramsFromPrompt } from "./answers";

/** The template of the skill whose prompt this is. */
export function templateFor(skill: string, prompt: string): QuestionTemplate {
  for (const { template } of practiceCandidates(builtInCourse().lessons, skill)) {
    if (Object.keys(template.params).length === 0 ? template.prompt === prompt : tryParams(template, prompt)) return template;
  }
  throw new Error(`no template of ${skill} has the prompt: ${prompt}`);
}

function tryParams(t: QuestionTemplate, prompt: string): boolean {
  try {
    paramsFromPrompt(t, prompt);
    return true;
  } catch {
    return false;
  }
}

/** What to type, or which options to tick (by id: the inputs carry it as their value). */
export type PracticeMove = { type: string } | { ids: string[] };

/** The right answer, or one that makes a named mistake (a wrong option for a choice). */
export function practiceMove(skill: string, prompt: string, kind: "right" | "mistake"): { move: PracticeMove; template: QuestionTemplate } {
  const t = templateFor(skill, prompt);
  if (t.kind === "multiple") return { template: t, move: { ids: kind === "right" ? t.correct : [t.options.find((o) => !t.correct.includes(o.id))!.id] } };
  if (t.kind === "single") {
    const right = t.correct!;
    return { template: t, move: { ids: [kind === "right" ? right : t.options.find((o) => o.id !== right)!.id] } };
  }
  const m = moveFor(kind === "right" ? "right" : "mistake", t, prompt) as { type: string };
  return { template: t, move: m };
}
