import { compileExpression, compileFormula } from "./expressions.ts";
import { parseNumber } from "./parseNumber.ts";
import { resolvePrediction } from "./prediction.ts";
import { sameFunction } from "./equivalence.ts";
import { formatNumber, shownNumber, type QuestionParams } from "./sampling.ts";
import type { ExpressionQuestion, MultipleChoiceQuestion, NumericQuestion, QuestionTemplate, SingleChoiceQuestion, TextQuestion } from "./schema.ts";
import { describeTolerance, withinTolerance } from "./tolerance.ts";
import { formatAsAsked } from "./answerPrecision.ts";
import { fillPlaceholders } from "./render.ts";

export type GradeStatus = "correct" | "incorrect" | "invalid" | "ungraded";

/**
 * The result of grading one answer. `feedbackKey` names the mistake when the answer matches
 * a known wrong answer; reports count these keys.
 */
export interface GradeResult {
  status: GradeStatus;
  /** null for answers that are not graded (short text, unresolved predictions). */
  correct: boolean | null;
  /** 0…1 (partial credit only for multiple choice); null when not graded. */
  score: number | null;
  feedbackKey: string | null;
  /** What to tell the student after the reveal. */
  feedback: string;
  /** The correct answer as shown after the reveal. */
  expected: string;
  /** Why an answer could not be read (status "invalid"). */
  reason?: string;
  /** How the answer was read (e.g. "0.998" for "0,998"), for the record. */
  normalized?: string;
}

export interface GradeContext {
  /** For prediction questions: the option the live simulation showed to be right. */
  predictionOutcome?: string | null;
}

/**
 * Grade `answer` for one student's copy of a question (their `params`). Pure and total: any
 * input — empty, huge, NaN, a number instead of text — gives a result, never an exception.
 */
export function gradeAnswer(template: QuestionTemplate, params: QuestionParams, answer: unknown, ctx: GradeContext = {}): GradeResult {
  switch (template.kind) {
    case "numeric": return gradeNumeric(template, params, answer);
    case "expression": return gradeExpression(template, params, answer);
    case "single": return gradeSingle(template, params, answer, ctx);
    case "multiple": return gradeMultiple(template, answer);
    case "text": return gradeText(template, answer);
    default: {
      const never: never = template;
      throw new Error(`unknown question kind ${JSON.stringify(never)}`);
    }
  }
}

function invalid(reason: string, expected: string): GradeResult {
  return { status: "invalid", correct: false, score: 0, feedbackKey: null, feedback: `We could not read that answer: ${reason}.`, expected, reason };
}

function solutionText(template: QuestionTemplate, params: QuestionParams): string {
  if (!template.solution) return "";
  const tol = template.kind === "numeric" ? template.tolerance : null;
  return fillPlaceholders(template.solution, params, tol ? (x) => formatAsAsked(x, tol) : undefined);
}

/** The exact value of a numeric question for these parameters. */
export function expectedNumber(template: NumericQuestion, params: QuestionParams): number {
  return compileFormula(template.answer, Object.keys(params)).evaluate(params);
}

function gradeNumeric(t: NumericQuestion, params: QuestionParams, answer: unknown): GradeResult {
  const expectedValue = expectedNumber(t, params);
  const expected = formatNumber(expectedValue);
  const parsed = parseNumber(answer);
  if (!parsed.ok) return invalid(parsed.reason, expected);
  const v = parsed.value;
  const normalized = formatNumber(v);
  if (withinTolerance(v, expectedValue, t.tolerance)) {
    return { status: "correct", correct: true, score: 1, feedbackKey: null, feedback: "Correct.", expected, normalized };
  }
  for (const m of t.mistakes) {
    const mv = compileFormula(m.answer, Object.keys(params)).evaluate(params);
    if (withinTolerance(v, mv, t.tolerance)) {
      return { status: "incorrect", correct: false, score: 0, feedbackKey: m.key, feedback: fillPlaceholders(m.feedback, params), expected, normalized };
    }
  }
  return {
    status: "incorrect", correct: false, score: 0, feedbackKey: null,
    feedback: `Not quite: the answer is ${shownNumber(expected)} (accepted within ${describeTolerance(t.tolerance)}).`,
    expected, normalized,
  };
}

/** Spellings accepted for each variable → canonical name. */
function variableMap(t: ExpressionQuestion): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of t.variables) {
    map[v.name] = v.name;
    for (const a of v.aliases) map[a] = v.name;
  }
  return map;
}

function gradeExpression(t: ExpressionQuestion, params: QuestionParams, answer: unknown): GradeResult {
  const vars = variableMap(t);
  const names = t.variables.map((v) => v.name);
  const expectedExpr = compileFormula(t.answer, [...names, ...Object.keys(params)]);
  const withParams = (e: { evaluate(s: Record<string, number>): number }) => (s: Record<string, number>) => e.evaluate({ ...params, ...s });
  const expected = expectedExpr.text;
  const parsed = compileExpression(answer, vars);
  if (!parsed.ok) return invalid(parsed.reason, expected);
  const given = withParams(parsed.expr);
  if (sameFunction(given, withParams(expectedExpr), t)) {
    return { status: "correct", correct: true, score: 1, feedbackKey: null, feedback: "Correct.", expected, normalized: parsed.expr.text };
  }
  for (const m of t.mistakes) {
    const me = compileFormula(m.answer, [...names, ...Object.keys(params)]);
    if (sameFunction(given, withParams(me), t)) {
      return { status: "incorrect", correct: false, score: 0, feedbackKey: m.key, feedback: fillPlaceholders(m.feedback, params), expected, normalized: parsed.expr.text };
    }
  }
  return { status: "incorrect", correct: false, score: 0, feedbackKey: null, feedback: `Not quite: one correct form is ${expected}.`, expected, normalized: parsed.expr.text };
}

function gradeSingle(t: SingleChoiceQuestion, params: QuestionParams, answer: unknown, ctx: GradeContext): GradeResult {
  const correctId = t.prediction ? (ctx.predictionOutcome !== undefined ? ctx.predictionOutcome : resolvePrediction(t.prediction)) : (t.correct ?? null);
  const correctOption = t.options.find((o) => o.id === correctId);
  const expected = correctId ?? "";
  if (typeof answer !== "string" || answer.length > 64) return invalid("choose one of the options", expected);
  const chosen = t.options.find((o) => o.id === answer);
  if (!chosen) return invalid("that is not one of the options", expected);
  if (correctId === null) {
    return { status: "ungraded", correct: null, score: null, feedbackKey: null, feedback: chosen.feedback ?? "Thanks — this one is for discussion.", expected, normalized: answer };
  }
  if (chosen.id === correctId) {
    return { status: "correct", correct: true, score: 1, feedbackKey: null, feedback: chosen.feedback ? fillPlaceholders(chosen.feedback, params) : "Correct.", expected, normalized: answer };
  }
  const fallback = `Not quite: the answer is "${correctOption ? fillPlaceholders(correctOption.text, params) : expected}".`;
  return {
    status: "incorrect", correct: false, score: 0,
    // A wrong option with its own feedback is a named mistake, keyed by the option id.
    feedbackKey: chosen.feedback ? chosen.id : null,
    feedback: chosen.feedback ? fillPlaceholders(chosen.feedback, params) : fallback,
    expected, normalized: answer,
  };
}

function gradeMultiple(t: MultipleChoiceQuestion, answer: unknown): GradeResult {
  const expected = [...t.correct].sort().join(",");
  if (!Array.isArray(answer) || answer.length > t.options.length || !answer.every((a) => typeof a === "string")) {
    return invalid("choose any of the options", expected);
  }
  const ids = new Set(t.options.map((o) => o.id));
  const chosen = new Set(answer as string[]);
  if ([...chosen].some((a) => !ids.has(a))) return invalid("that is not one of the options", expected);
  const correct = new Set(t.correct);
  const hits = [...chosen].filter((a) => correct.has(a)).length;
  const falseHits = chosen.size - hits;
  const exact = hits === correct.size && falseHits === 0;
  const score = exact ? 1 : Math.max(0, (hits - falseHits) / correct.size);
  const normalized = [...chosen].sort().join(",");
  if (exact) return { status: "correct", correct: true, score: 1, feedbackKey: null, feedback: "Correct.", expected, normalized };
  const wrongWithFeedback = t.options.find((o) => chosen.has(o.id) && !correct.has(o.id) && o.feedback);
  return {
    status: "incorrect", correct: false, score,
    feedbackKey: wrongWithFeedback ? wrongWithFeedback.id : null,
    feedback: wrongWithFeedback?.feedback ?? `Not quite: you found ${hits} of ${correct.size} and chose ${falseHits} that do not belong.`,
    expected, normalized,
  };
}

function gradeText(t: TextQuestion, answer: unknown): GradeResult {
  if (typeof answer !== "string") return invalid("the answer must be text", "");
  const text = answer.normalize("NFC").trim();
  if (text === "") return invalid("no answer given", "");
  if (text.length > t.maxLength) return invalid(`the answer is too long (at most ${t.maxLength} characters)`, "");
  return { status: "ungraded", correct: null, score: null, feedbackKey: null, feedback: "Thanks — your answer is collected for the class discussion.", expected: "", normalized: text };
}

/** The worked solution for one student's parameters (shown after the reveal). */
export function workedSolution(template: QuestionTemplate, params: QuestionParams): string {
  return solutionText(template, params);
}
