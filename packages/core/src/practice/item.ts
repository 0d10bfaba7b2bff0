import { gradeAnswer, workedSolution, type GradeResult } from "../questions/grade.ts";
import { fillPlaceholders, studentView, type StudentQuestionView } from "../questions/render.ts";
import { shownNumber, type QuestionParams } from "../questions/sampling.ts";
import type { Prediction, QuestionTemplate } from "../questions/schema.ts";
import { resultWording } from "../session/views.ts";

/**
 * One practice item: a question template in one student's numbers (from the item's seed).
 * What the phone gets carries no answer, formula, mistake, solution or hint text: the hint
 * comes on request (and the request is recorded), the rest only with the graded attempt.
 */
export interface PracticeQuestionView {
  view: StudentQuestionView;
  hasHint: boolean;
}

/** The phone's copy of an item before it is answered (options lettered in the phone's order). */
export function practiceQuestionView(template: QuestionTemplate, seed: number): PracticeQuestionView {
  const { view } = studentView(template, seed);
  const hasHint = view.hint !== undefined;
  delete view.hint;
  view.attempts = 1;
  if (view.options) view.options = view.options.map((o, i) => ({ ...o, letter: LETTERS[i] }));
  return { view, hasHint };
}

const LETTERS = "ABCDEFGHIJKL";

/** The hint in the item's numbers, or null when the question has none. */
export function practiceHint(template: QuestionTemplate, params: QuestionParams): string | null {
  return template.hint ? fillPlaceholders(template.hint, params) : null;
}

/** A prediction question's simulation with the practice item's own seed (a fresh run, not the class's). */
export function practicePrediction(template: QuestionTemplate, simulationSeed: number | null): Prediction | null {
  if (template.kind !== "single" || !template.prediction || simulationSeed === null) return null;
  return { ...template.prediction, seed: simulationSeed };
}

/** What the student reads after an attempt. */
export interface PracticeFeedback {
  status: GradeResult["status"];
  correct: boolean | null;
  /** "Correct!", "Not quite." */
  headline: string;
  /** The named mistake's explanation or the option's feedback (may be empty). */
  feedback: string;
  feedbackKey: string | null;
  /** The named mistake's label when the answer matched one. */
  mistakeLabel: string | null;
  /** The right answer as a person reads it (a number, a formula, an option's letter and text). */
  expected: string;
  /** The worked solution in the item's numbers ("" when the question has none). */
  solution: string;
}

/**
 * Grade one practice attempt with the same grader as a live class (`gradeAnswer`), in the
 * item's numbers. `predictionOutcome`: for a prediction question, the option the item's own
 * simulation showed (the server runs it; see practicePrediction).
 */
export function gradePractice(template: QuestionTemplate, seed: number, params: QuestionParams, answer: unknown, predictionOutcome?: string | null): { result: GradeResult; feedback: PracticeFeedback } {
  const result = gradeAnswer(template, params, answer, predictionOutcome !== undefined ? { predictionOutcome } : {});
  const { headline, feedback } = resultWording(result, template);
  const mistake = (template.kind === "numeric" || template.kind === "expression") && result.feedbackKey ? template.mistakes.find((m) => m.key === result.feedbackKey) : undefined;
  return {
    result,
    feedback: {
      status: result.status, correct: result.correct, headline, feedback, feedbackKey: result.feedbackKey, mistakeLabel: mistake?.label ?? null,
      expected: expectedText(template, seed, params, result.expected), solution: workedSolution(template, params),
    },
  };
}

/** Option ids as "B: text" in the phone's order; numbers with a true minus; formulas as they are. */
function expectedText(template: QuestionTemplate, seed: number, params: QuestionParams, expected: string): string {
  if (template.kind === "numeric") return shownNumber(expected);
  if (template.kind !== "single" && template.kind !== "multiple") return expected;
  const order = practiceQuestionView(template, seed).view.options ?? [];
  return expected.split(",").filter(Boolean).map((id) => {
    const i = order.findIndex((o) => o.id === id);
    const o = template.options.find((x) => x.id === id);
    return o && i >= 0 ? `${LETTERS[i]}: ${fillPlaceholders(o.text, params)}` : id;
  }).join("; ");
}
