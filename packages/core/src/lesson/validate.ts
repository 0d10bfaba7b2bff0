import type { z } from "zod";
import type { QuestionTemplate } from "../questions/schema.ts";
import { Simulation } from "../sim/simulation.ts";
import { getPreset } from "../sim/presets/registry.ts";
import { SimError } from "../sim/errors.ts";
import { checkQuestion } from "./checkQuestion.ts";
import { LessonSchema, type Lesson } from "./schema.ts";
import { plainTextProblem, texTextProblem } from "./texHygiene.ts";

export interface LessonIssue {
  /** Where, as a path into the file: `activities[3].questions[0].answer`. */
  path: string;
  message: string;
}

/**
 * `notes` are worth a teacher's attention but are not errors (e.g. a question with too many
 * parameter sets to try every one, checked on a seeded sample).
 */
export type LessonCheck = { ok: true; lesson: Lesson; notes: LessonIssue[] } | { ok: false; errors: LessonIssue[]; notes: LessonIssue[] };

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out || "(root)";
}

/**
 * Validate a lesson: first its shape (zod), then its meaning — unique ids, simulations and
 * experiments that exist with valid parameters, formulas that parse and give finite numbers
 * for every parameter set, text the app shows without raw TeX, choices that exist, and named
 * mistakes that the grader tells apart from the answer, from each other and from a correctly
 * rounded answer for every parameter set a student can get, and skills every question names
 * declared once in the lesson. Errors name the field with a path
 * (`activities[3].questions[0].mistakes[1]`) so an editor can point at it. Pure, so the CLI,
 * the lesson editor and lesson import give the same verdict.
 */
export function checkLesson(input: unknown): LessonCheck {
  const parsed = LessonSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: shapeMessage(i) })), notes: [] };
  }
  const lesson = parsed.data;
  const errors: LessonIssue[] = [];
  const notes: LessonIssue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const note = (path: string, message: string) => notes.push({ path, message });
  const plain = (path: string, text: string | undefined) => {
    const problem = text ? plainTextProblem(text) : null;
    if (problem) err(path, problem);
  };
  plain("title", lesson.title);
  plain("summary", lesson.summary);
  const activityIds = new Set<string>();
  const questionIds = new Set<string>();
  const skillIds = new Set<string>();
  lesson.skills.forEach((sk, si) => {
    if (skillIds.has(sk.id)) err(`skills[${si}].id`, `duplicate skill id "${sk.id}"`);
    skillIds.add(sk.id);
  });

  lesson.activities.forEach((a, ai) => {
    const at = `activities[${ai}]`;
    if (activityIds.has(a.id)) err(`${at}.id`, `duplicate activity id "${a.id}"`);
    activityIds.add(a.id);
    plain(`${at}.title`, a.title);
    plain(`${at}.teacherNotes`, a.teacherNotes);
    const bodyProblem = texTextProblem(a.body);
    if (bodyProblem) err(`${at}.body`, bodyProblem);
    a.simulation?.cues.forEach((c, ci) => plain(`${at}.simulation.cues[${ci}].say`, c.say));
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
      q.skills.forEach((sk, si) => {
        if (!skillIds.has(sk)) err(`${qt}.skills[${si}]`, `skill "${sk}" is not declared in the lesson's skills`);
      });
      if (new Set(q.skills).size !== q.skills.length) err(`${qt}.skills`, "a skill is named twice");
      checkQuestion(q, qt, err, note);
    });
  });
  return errors.length === 0 ? { ok: true, lesson, notes } : { ok: false, errors, notes };
}

/** zod's wording ("Too small: expected string to have >=1 characters") as a teacher would put it. */
function shapeMessage(i: z.core.$ZodIssue): string {
  const origin = (i as { origin?: string }).origin;
  if (i.code === "too_small" && origin === "string" && Number(i.minimum) === 1) return "this cannot be empty";
  if (i.code === "too_small" && origin === "string") return `at least ${i.minimum} characters`;
  if (i.code === "too_big" && origin === "string") return `too long: at most ${i.maximum} characters`;
  if (i.code === "too_small" && origin === "array") return `at least ${i.minimum} needed`;
  if (i.code === "too_big" && origin === "array") return `at most ${i.maximum} allowed`;
  if (i.code === "too_small" && origin === "number") return `at least ${i.minimum}`;
  if (i.code === "too_big" && origin === "number") return `at most ${i.maximum}`;
  if (i.code === "invalid_type" && i.input === undefined) return "this is required";
  if (i.code === "invalid_type") return `expected ${i.expected === "int" ? "a whole number" : `a ${i.expected}`}`;
  return i.message;
}

/** Find a question anywhere in a lesson. */
export function findQuestion(lesson: Lesson, questionId: string): QuestionTemplate | undefined {
  for (const a of lesson.activities) for (const q of a.questions) if (q.id === questionId) return q;
  return undefined;
}
