import { compileFormula } from "../questions/expressions.ts";
import { fillPlaceholders } from "../questions/render.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { Simulation } from "../sim/simulation.ts";
import { getPreset } from "../sim/presets/registry.ts";
import { SimError } from "../sim/errors.ts";
import { LessonSchema, type Lesson } from "./schema.ts";

export interface LessonIssue {
  /** Where, as a path into the file: `activities[3].questions[0].answer`. */
  path: string;
  message: string;
}

export type LessonCheck = { ok: true; lesson: Lesson } | { ok: false; errors: LessonIssue[] };

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out || "(root)";
}

/** Every combination of a question's parameter values (capped, for validation). */
function combinations(t: QuestionTemplate, cap = 2000): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const [name, spec] of Object.entries(t.params)) {
    const next: Record<string, number>[] = [];
    for (const c of combos) for (const v of spec.values) next.push({ ...c, [name]: v });
    combos = next.slice(0, cap);
  }
  return combos;
}

/**
 * Validate a lesson: first its shape (zod), then its meaning — unique ids, simulations and
 * experiments that exist with valid parameters, formulas that parse and give finite numbers
 * for every parameter combination, named mistakes that differ from the answer somewhere,
 * choices that exist. Errors name the field.
 */
export function checkLesson(input: unknown): LessonCheck {
  const parsed = LessonSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const lesson = parsed.data;
  const errors: LessonIssue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const activityIds = new Set<string>();
  const questionIds = new Set<string>();

  lesson.activities.forEach((a, ai) => {
    const at = `activities[${ai}]`;
    if (activityIds.has(a.id)) err(`${at}.id`, `duplicate activity id "${a.id}"`);
    activityIds.add(a.id);
    if (a.kind === "simulation" && !a.simulation) err(`${at}.simulation`, "a simulation activity needs a simulation");
    if (a.kind === "experiment" && !a.experiment) err(`${at}.experiment`, "an experiment activity needs an experiment");
    if ((a.kind === "question" || a.kind === "poll" || a.kind === "exit-ticket") && a.questions.length === 0) {
      err(`${at}.questions`, `a ${a.kind} activity needs at least one question`);
    }
    if (a.simulation) {
      const s = a.simulation;
      try {
        Simulation.create({ presetId: s.presetId, params: s.params, seed: s.seed, changes: s.cues.filter((c) => c.change).map((c) => ({ step: c.atStep, params: c.change! })) });
      } catch (e) {
        err(`${at}.simulation`, e instanceof SimError ? e.message : String(e));
      }
    }
    if (a.experiment) {
      try {
        const preset = getPreset(a.experiment.presetId);
        if (!preset.experiment) err(`${at}.experiment.presetId`, `preset ${preset.id} is not a class experiment`);
        Simulation.create({ presetId: a.experiment.presetId, params: a.experiment.params, seed: a.experiment.seed });
      } catch (e) {
        err(`${at}.experiment`, e instanceof SimError ? e.message : String(e));
      }
    }
    a.questions.forEach((q, qi) => {
      const qt = `${at}.questions[${qi}]`;
      if (questionIds.has(q.id)) err(`${qt}.id`, `duplicate question id "${q.id}"`);
      questionIds.add(q.id);
      checkQuestion(q, qt, err);
    });
  });
  return errors.length === 0 ? { ok: true, lesson } : { ok: false, errors };
}

function checkQuestion(q: QuestionTemplate, at: string, err: (path: string, message: string) => void): void {
  const names = Object.keys(q.params);
  const combos = combinations(q);
  const tryText = (field: string, text: string | undefined) => {
    if (!text) return;
    for (const c of combos.slice(0, 50)) {
      try {
        const filled = fillPlaceholders(text, c);
        const left = /\{\{[^}]*\}\}/.exec(filled);
        if (left) { err(`${at}.${field}`, `unknown placeholder ${left[0]}`); return; }
      } catch (e) {
        err(`${at}.${field}`, (e as Error).message);
        return;
      }
    }
  };
  tryText("prompt", q.prompt);
  tryText("hint", q.hint);
  tryText("solution", q.solution);

  const formula = (field: string, text: string, extra: string[] = []) => {
    try {
      return compileFormula(text, [...names, ...extra]);
    } catch (e) {
      err(`${at}.${field}`, (e as Error).message);
      return null;
    }
  };

  if (q.kind === "numeric") {
    const answer = formula("answer", q.answer);
    if (!answer) return;
    for (const c of combos) {
      const v = answer.evaluate(c);
      if (!Number.isFinite(v)) { err(`${at}.answer`, `not a finite number for ${JSON.stringify(c)}`); break; }
    }
    q.mistakes.forEach((m, mi) => {
      const me = formula(`mistakes[${mi}].answer`, m.answer);
      if (!me) return;
      const differs = combos.some((c) => Math.abs(me.evaluate(c) - answer.evaluate(c)) > 1e-12 * Math.max(1, Math.abs(answer.evaluate(c))));
      if (!differs) err(`${at}.mistakes[${mi}].answer`, `the mistake "${m.key}" equals the answer for every parameter value, so it can never be reported`);
    });
  } else if (q.kind === "expression") {
    const vars = q.variables.map((v) => v.name);
    formula("answer", q.answer, vars);
    q.mistakes.forEach((m, mi) => formula(`mistakes[${mi}].answer`, m.answer, vars));
    q.variables.forEach((v, vi) => {
      if (!(v.min < v.max)) err(`${at}.variables[${vi}]`, "min must be below max");
    });
  } else if (q.kind === "single") {
    const ids = new Set(q.options.map((o) => o.id));
    if (ids.size !== q.options.length) err(`${at}.options`, "duplicate option id");
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
  } else if (q.kind === "multiple") {
    const ids = new Set(q.options.map((o) => o.id));
    if (ids.size !== q.options.length) err(`${at}.options`, "duplicate option id");
    q.correct.forEach((c, ci) => { if (!ids.has(c)) err(`${at}.correct[${ci}]`, `"${c}" is not an option id`); });
  }
}

/** Find a question anywhere in a lesson. */
export function findQuestion(lesson: Lesson, questionId: string): QuestionTemplate | undefined {
  for (const a of lesson.activities) for (const q of a.questions) if (q.id === questionId) return q;
  return undefined;
}
