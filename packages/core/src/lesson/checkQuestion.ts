import { compileFormula } from "../questions/expressions.ts";
import { checkDiscrimination } from "../questions/discrimination.ts";
import { fillPlaceholders } from "../questions/render.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { Simulation } from "../sim/simulation.ts";
import { SimError } from "../sim/errors.ts";
import { plainTextProblem, texTextProblem } from "./texHygiene.ts";

export type Report = (path: string, message: string) => void;

/**
 * The meaning of one question, beyond its shape: placeholders and formulas that work for
 * every parameter set, text the app can show, choices that exist, predictions that run, and
 * named mistakes that the grader can tell from the answer and from each other for every
 * student (see questions/discrimination.ts). `note` receives what a teacher should know but
 * is not an error (a sampled sweep).
 */
export function checkQuestion(q: QuestionTemplate, at: string, err: Report, note: Report): void {
  const names = Object.keys(q.params);
  const discrimination = checkDiscrimination(q);
  const sets = discrimination.sweep?.sets ?? [Object.fromEntries(names.map((n) => [n, q.params[n].values[0]]))];

  const tex = (field: string, text: string | undefined) => {
    if (!text) return;
    const problem = texTextProblem(text);
    if (problem) err(`${at}.${field}`, problem);
    for (const c of sets.slice(0, 50)) {
      try {
        const left = /\{\{[^}]*\}\}/.exec(fillPlaceholders(text, c));
        if (left) { err(`${at}.${field}`, `unknown placeholder ${left[0]}`); return; }
      } catch (e) {
        err(`${at}.${field}`, (e as Error).message);
        return;
      }
    }
  };
  tex("prompt", q.prompt);
  tex("hint", q.hint);
  tex("solution", q.solution);
  for (const [name, spec] of Object.entries(q.params)) {
    const problem = spec.label ? plainTextProblem(spec.label) : null;
    if (problem) err(`${at}.params.${name}.label`, problem);
  }

  const formula = (field: string, text: string, extra: string[] = []) => {
    try {
      return compileFormula(text, [...names, ...extra]);
    } catch (e) {
      err(`${at}.${field}`, (e as Error).message);
      return null;
    }
  };

  if (q.kind === "numeric" || q.kind === "expression") {
    const vars = q.kind === "expression" ? q.variables.map((v) => v.name) : [];
    const answer = formula("answer", q.answer, vars);
    q.mistakes.forEach((m, mi) => {
      formula(`mistakes[${mi}].answer`, m.answer, vars);
      tex(`mistakes[${mi}].feedback`, m.feedback);
    });
    if (q.kind === "numeric" && answer) {
      const bad = sets.find((c) => !Number.isFinite(answer.evaluate(c)));
      if (bad) err(`${at}.answer`, `not a finite number for ${JSON.stringify(bad)}`);
    }
    if (q.kind === "expression") {
      q.variables.forEach((v, vi) => { if (!(v.min < v.max)) err(`${at}.variables[${vi}]`, "min must be below max"); });
    }
    for (const issue of discrimination.issues) err(`${at}.${issue.path}`, issue.message);
    const sweep = discrimination.sweep;
    if (sweep?.sampled) note(`${at}.params`, `question "${q.id}": ${sweep.total} parameter sets, too many to try all; checked a seeded sample of ${sweep.sets.length}`);
    return;
  }
  if (q.kind === "single" || q.kind === "multiple") {
    const ids = new Set(q.options.map((o) => o.id));
    if (ids.size !== q.options.length) err(`${at}.options`, "duplicate option id");
    q.options.forEach((o, oi) => {
      tex(`options[${oi}].text`, o.text);
      tex(`options[${oi}].feedback`, o.feedback);
    });
    if (q.kind === "multiple") {
      q.correct.forEach((c, ci) => { if (!ids.has(c)) err(`${at}.correct[${ci}]`, `"${c}" is not an option id`); });
      return;
    }
    if (q.correct && q.prediction) err(`${at}.correct`, "a prediction question is decided by its simulation: give correct or prediction, not both");
    if (q.correct && !ids.has(q.correct)) err(`${at}.correct`, `"${q.correct}" is not an option id`);
    if (q.prediction) {
      const p = q.prediction;
      for (const key of Object.keys(p.outcomes)) if (!ids.has(key)) err(`${at}.prediction.outcomes.${key}`, `"${key}" is not an option id`);
      try {
        Simulation.create({ presetId: p.presetId, params: p.params, seed: p.seed, changes: [{ step: p.changeAt, params: p.change }] });
      } catch (e) {
        err(`${at}.prediction`, e instanceof SimError ? e.message : String(e));
      }
    }
  }
}
