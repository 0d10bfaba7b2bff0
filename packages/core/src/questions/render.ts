import { compileFormula } from "./expressions.ts";
import { formatNumber, optionOrder, sampleParams, type QuestionParams } from "./sampling.ts";
import type { QuestionKind, QuestionTemplate } from "./schema.ts";

/**
 * Fill {{name}} and {{= formula}} placeholders. Formulas are evaluated here, on the server,
 * so computed values can appear in worked solutions without shipping the formula.
 * `formatComputed` writes the computed values (a worked solution rounds them the way its
 * question asks: see answerPrecision.ts); parameters are always shown as drawn.
 */
export function fillPlaceholders(text: string, params: QuestionParams, formatComputed: (x: number) => string = formatNumber): string {
  const names = Object.keys(params);
  return text.replace(/\{\{\s*(=)?\s*([^}]+?)\s*\}\}/g, (whole, eq: string | undefined, body: string, at: number) => {
    const value = eq ? formatComputed(compileFormula(body, names).evaluate(params)) : Object.hasOwn(params, body) ? formatNumber(params[body]) : null;
    if (value === null) return whole;
    return bracketNegative(value, text.slice(0, at), text.slice(at + whole.length));
  });
}

/** After an operator, or as a base of a power, a negative number reads wrong bare ("η · −12", "−1^2"). */
const OPERATOR_BEFORE = /(?:[-+*/^]|\\cdot|\\times|\\pm)\s*$/;

/**
 * A negative number put into a formula gets parentheses where a bare one would read wrong:
 * right after an operator (`w - η · (−12)`) or before a power (`(−1)^2`). Not at the start of a
 * formula, after `=`, or where the template wrote the parentheses itself (`({{g}})`).
 */
function bracketNegative(value: string, before: string, after: string): string {
  if (!value.startsWith("-")) return value;
  return OPERATOR_BEFORE.test(before) || /^\s*\^/.test(after) ? `(${value})` : value;
}

/**
 * What a student may see of a question before the reveal: the prompt with their numbers,
 * the options in their order, the hint. Never the answer, the formulas, the named mistakes
 * or the solution.
 */
export interface StudentQuestionView {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** `letter`: the option's letter in the class's order (the projector's), added by the session's view. */
  options?: { id: string; text: string; letter?: string }[];
  hint?: string;
  points: number;
  attempts: number;
  maxLength?: number;
  /** For expression questions: the variable names to use. */
  variables?: string[];
}

export function studentView(template: QuestionTemplate, seed: number): { view: StudentQuestionView; params: QuestionParams } {
  const params = sampleParams(template, seed);
  const view: StudentQuestionView = {
    id: template.id,
    kind: template.kind,
    prompt: fillPlaceholders(template.prompt, params),
    points: template.points,
    attempts: template.attempts,
  };
  if (template.hint) view.hint = fillPlaceholders(template.hint, params);
  if (template.kind === "single" || template.kind === "multiple") {
    const byId = new Map(template.options.map((o) => [o.id, o]));
    view.options = optionOrder(template, seed).map((id) => ({ id, text: fillPlaceholders(byId.get(id)!.text, params) }));
  }
  if (template.kind === "text") view.maxLength = template.maxLength;
  if (template.kind === "expression") view.variables = template.variables.map((v) => v.name);
  return { view, params };
}
