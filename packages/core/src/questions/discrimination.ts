import { compileFormula, type CompiledExpression } from "./expressions.ts";
import { sameFunction } from "./equivalence.ts";
import { describeParams, parameterSets, type ParamSets } from "./paramSets.ts";
import { formatNumber, type QuestionParams } from "./sampling.ts";
import type { ExpressionQuestion, NumericQuestion, QuestionTemplate } from "./schema.ts";
import { describeTolerance, withinTolerance } from "./tolerance.ts";

/**
 * Does a question tell right from wrong for every student? A numeric or expression question
 * gives each student one set of parameter values; for some sets a classic mistake can land
 * within the tolerance of the answer (and be graded correct), two mistakes can coincide (and
 * the feedback is a coin toss), or the tolerance can refuse a correctly rounded answer.
 * This checks every set a student can get (a seeded sample past a bound) and names one that
 * fails. Pure: the CLI, the lesson editor and lesson import all call it through `checkLesson`.
 */

export interface QuestionIssue {
  /** Relative to the question: `mistakes[1]`, `tolerance`. */
  path: string;
  message: string;
}

export interface DiscriminationResult {
  issues: QuestionIssue[];
  /** The parameter sets looked at (null for kinds without formulas). */
  sweep: ParamSets | null;
}

/** How precisely students are asked to answer; 3 significant figures unless the prompt says. */
export type Precision = { kind: "sigfigs" | "decimals"; digits: number; stated: boolean };

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };
const count = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

/** The precision a prompt asks for ("… 4 significant figures", "two decimal places"). */
export function statedPrecision(prompt: string): Precision {
  const sig = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight)\s+significant\s+(?:figures?|digits?)/i.exec(prompt);
  if (sig) return { kind: "sigfigs", digits: count(sig[1]), stated: true };
  const dec = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight)\s+decimal\s+places?/i.exec(prompt);
  if (dec) return { kind: "decimals", digits: count(dec[1]), stated: true };
  return { kind: "sigfigs", digits: 3, stated: false };
}

/** `x` as a student following `p` would write it. */
export function roundTo(x: number, p: Precision): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return p.kind === "sigfigs" ? Number(x.toPrecision(Math.max(1, Math.min(p.digits, 100)))) : Number(x.toFixed(Math.min(p.digits, 100)));
}

const describePrecision = (p: Precision) => `${p.digits} ${p.kind === "sigfigs" ? "significant figures" : "decimal places"}`;

/** Check one question; kinds without formulas (choices, text) have nothing to check here. */
export function checkDiscrimination(q: QuestionTemplate): DiscriminationResult {
  if (q.kind === "numeric") return checkNumeric(q);
  if (q.kind === "expression") return checkExpression(q);
  return { issues: [], sweep: null };
}

interface Failure { first: QuestionParams; detail: string; count: number }

/** Collects, per issue path, the first failing parameter set and how many sets fail. */
class Failures {
  private readonly byPath = new Map<string, Failure>();
  add(path: string, params: QuestionParams, detail: () => string): void {
    const f = this.byPath.get(path);
    if (f) f.count++;
    else this.byPath.set(path, { first: params, detail: detail(), count: 1 });
  }
  entries(): [string, Failure][] {
    return [...this.byPath];
  }
}

function compileAll(q: NumericQuestion | ExpressionQuestion, names: string[]): { answer: CompiledExpression; mistakes: CompiledExpression[] } | null {
  try {
    return { answer: compileFormula(q.answer, names), mistakes: q.mistakes.map((m) => compileFormula(m.answer, names)) };
  } catch {
    return null; // the formula errors are reported, with their field, by the lesson check
  }
}

function checkNumeric(q: NumericQuestion): DiscriminationResult {
  const sweep = parameterSets(q);
  const compiled = compileAll(q, Object.keys(q.params));
  if (!compiled) return { issues: [], sweep };
  const precision = statedPrecision(q.prompt);
  const tol = describeTolerance(q.tolerance);
  const failures = new Failures();
  const n = q.mistakes.length;

  for (const params of sweep.sets) {
    const answer = compiled.answer.evaluate(params);
    if (!Number.isFinite(answer)) continue;
    const values = compiled.mistakes.map((m) => m.evaluate(params));

    // A correctly rounded answer must be accepted (only when rounding changes the value).
    const rounded = roundTo(answer, precision);
    if (Math.abs(rounded - answer) > 1e-12 * Math.abs(answer) && !withinTolerance(rounded, answer, q.tolerance)) {
      failures.add("tolerance", params, () => `the answer ${formatNumber(answer)} rounded to ${describePrecision(precision)} (${formatNumber(rounded)}) is refused by the tolerance ${tol}`);
    }

    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      // The mistake as computed, and as a student who made it would round it.
      const asRounded = roundTo(v, precision);
      if (withinTolerance(v, answer, q.tolerance)) {
        failures.add(`mistakes[${i}]`, params, () => `it gives ${formatNumber(v)} and the answer is ${formatNumber(answer)}, within the tolerance ${tol}`);
      } else if (withinTolerance(asRounded, answer, q.tolerance)) {
        failures.add(`mistakes[${i}]`, params, () => `it gives ${formatNumber(v)}, which rounded to ${describePrecision(precision)} (${formatNumber(asRounded)}) is within the tolerance ${tol} of the answer ${formatNumber(answer)}`);
      }
      for (let j = 0; j < i; j++) {
        const u = values[j];
        if (!Number.isFinite(u)) continue;
        if (withinTolerance(v, u, q.tolerance) || withinTolerance(u, v, q.tolerance)) {
          failures.add(`mistakes[${i}]~${j}`, params, () => `both give ${formatNumber(v)}${v === u ? "" : ` and ${formatNumber(u)}`}`);
        }
      }
    }
  }
  return { issues: describe(q, failures, sweep), sweep };
}

function checkExpression(q: ExpressionQuestion): DiscriminationResult {
  const sweep = parameterSets(q);
  const names = [...q.variables.map((v) => v.name), ...Object.keys(q.params)];
  const compiled = compileAll(q, names);
  if (!compiled) return { issues: [], sweep };
  const failures = new Failures();
  for (const params of sweep.sets) {
    const at = (e: CompiledExpression) => (s: Record<string, number>) => e.evaluate({ ...params, ...s });
    const answer = at(compiled.answer);
    const mistakes = compiled.mistakes.map(at);
    mistakes.forEach((m, i) => {
      if (sameFunction(m, answer, q)) failures.add(`mistakes[${i}]`, params, () => `it is the same function as the answer ${compiled.answer.text} over the variables' ranges`);
      for (let j = 0; j < i; j++) {
        if (sameFunction(m, mistakes[j], q)) failures.add(`mistakes[${i}]~${j}`, params, () => "they are the same function over the variables' ranges");
      }
    });
  }
  return { issues: describe(q, failures, sweep), sweep };
}

/** One message per failing path, naming the question, the mistake and one parameter set. */
function describe(q: NumericQuestion | ExpressionQuestion, failures: Failures, sweep: ParamSets): QuestionIssue[] {
  const of = (f: Failure) => `${f.count} of ${sweep.sets.length}${sweep.sampled ? " sampled" : ""} parameter set${sweep.sets.length === 1 ? "" : "s"}`;
  const where = (f: Failure) => (Object.keys(f.first).length ? ` for ${describeParams(q, f.first)}` : "");
  const name = (i: number) => `"${q.mistakes[i].key}" (${q.mistakes[i].label})`;
  const issues: QuestionIssue[] = [];
  for (const [key, f] of failures.entries()) {
    if (key === "tolerance") {
      const precision = statedPrecision(q.prompt);
      const fix = precision.stated ? "widen the tolerance so the precision the prompt asks for is accepted" : "widen the tolerance, or say in the prompt how precisely to answer (e.g. \"give 4 significant figures\")";
      issues.push({ path: "tolerance", message: `question "${q.id}": a correctly rounded answer is graded wrong${where(f)}: ${f.detail} (${of(f)}); ${fix}` });
    } else if (key.includes("~")) {
      const [mi, mj] = key.replace("mistakes[", "").replace("]", "").split("~").map(Number);
      issues.push({ path: `mistakes[${mi}]`, message: `question "${q.id}": the mistakes ${name(mj)} and ${name(mi)} cannot be told apart${where(f)}: ${f.detail} (${of(f)}), so a student who made ${name(mi)} would get the feedback for ${name(mj)}; change the parameter values or drop one of them` });
    } else {
      const mi = Number(key.replace("mistakes[", "").replace("]", ""));
      issues.push({ path: key, message: `question "${q.id}": the mistake ${name(mi)} is graded correct${where(f)}: ${f.detail} (${of(f)}); change the parameter values or the tolerance so that the mistake and the answer differ` });
    }
  }
  return issues;
}
