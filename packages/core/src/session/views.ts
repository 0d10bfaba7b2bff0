import type { Activity } from "../lesson/schema.ts";
import type { GradeResult } from "../questions/grade.ts";
import { gradeAnswer, workedSolution } from "../questions/grade.ts";
import { fillPlaceholders, studentView, type StudentQuestionView } from "../questions/render.ts";
import { questionSeed, sampleParams, shownNumber, type QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { optionLetters } from "./resultBars.ts";
import { getPreset } from "../sim/presets/registry.ts";
import type { ExperimentDef } from "../sim/presets/preset.ts";
import type { QuestionStatus, SessionContext, SessionState } from "./state.ts";
import type { Timeline } from "./timeline.ts";

/**
 * What each role is sent. Built here, in pure code, so "a student never receives the answer
 * before the reveal" is a property of one function that tests can check exhaustively.
 */

export interface ActivityView {
  index: number;
  count: number;
  id: string;
  kind: Activity["kind"];
  title: string;
  body: string;
  experiment: (ExperimentDef & { presetId: string }) | null;
}

/** A student's own result, sent only after the reveal. */
export interface RevealedResult {
  questionId: string;
  answered: boolean;
  status: GradeResult["status"] | "unanswered";
  correct: boolean | null;
  score: number | null;
  /** The verdict in a few words ("Correct!", "Not quite.", "Thanks!"), never repeated in `feedback`. */
  headline: string;
  /** Worth no points (a warm-up, a poll): a different answer is not a miss, and is not shown as one. */
  unscored: boolean;
  /** What to read after the headline (may be empty): the named mistake's explanation, the option's feedback. */
  feedback: string;
  feedbackKey: string | null;
  /** The right answer as a person reads it: a number, a formula, an option's letter and text ("" when there is none). */
  expected: string;
  solution: string;
  yourAnswer: unknown;
  /** The student's answer as they read it (an option's letter and text, not its id). */
  yourAnswerText: string | null;
}

export interface StudentQuestionState {
  questionId: string;
  status: QuestionStatus;
  deadline: number | null;
  view: StudentQuestionView;
  /** Saved attempts (no grading before the reveal). */
  attemptsUsed: number;
  lastAnswer: unknown;
  result: RevealedResult | null;
}

/** The part of the state every student may see (one payload, broadcast to the whole class). */
export interface PublicState {
  sessionId: string;
  status: SessionState["status"];
  paused: boolean;
  activity: ActivityView;
  timeline: Timeline | null;
  /** The current activity's asked questions (status and timer only: each student's copy comes on its own). */
  questions: { questionId: string; status: QuestionStatus; deadline: number | null }[];
  serverTime: number;
}

export interface StudentSnapshot {
  sessionId: string;
  code: string;
  status: SessionState["status"];
  paused: boolean;
  participant: { id: string; nickname: string };
  activity: ActivityView;
  timeline: Timeline | null;
  questions: StudentQuestionState[];
  serverTime: number;
}

export function activityView(s: SessionState, ctx: SessionContext): ActivityView {
  const a = ctx.lesson.activities[s.activityIndex];
  let experiment: ActivityView["experiment"] = null;
  if (a.experiment) {
    const def = getPreset(a.experiment.presetId).experiment;
    if (def) experiment = { ...def, presetId: a.experiment.presetId };
  }
  return { index: s.activityIndex, count: ctx.lesson.activities.length, id: a.id, kind: a.kind, title: a.title, body: a.body, experiment };
}

/** The result a student sees for one question after the reveal (or at the end of the class). */
export function revealedResult(s: SessionState, ctx: SessionContext, participantId: string, questionId: string): RevealedResult | null {
  const a = ctx.lesson.activities.find((x) => x.questions.some((q) => q.id === questionId));
  const template = a?.questions.find((q) => q.id === questionId);
  if (!template) return null;
  const params = sampleParams(template, questionSeed(s.seed, participantId, questionId));
  const attempts = s.answers[questionId]?.[participantId] ?? [];
  const last = attempts.at(-1);
  const solution = workedSolution(template, params);
  const human = (ids: string) => choiceText(template, params, s.seed, ids);
  // The right number with a true minus, as the prompt shows it; the student's own answer stays as typed.
  const shownExpected = (e: string) => (template.kind === "numeric" ? shownNumber(e) : human(e));
  if (!last) {
    // Grading an empty answer is "invalid" but still says what was expected.
    // A prediction's outcome is fixed at its reveal; before that (the look-back at the end) it is
    // what the simulation shows, from the room's memo when it has one.
    const fixed = s.questions[questionId]?.predictionOutcome;
    const outcome = fixed !== undefined ? fixed : template.kind === "single" && template.prediction && ctx.prediction ? ctx.prediction(template) : undefined;
    const expected = gradeAnswer(template, params, "", outcome !== undefined ? { predictionOutcome: outcome } : {}).expected;
    return {
      questionId, answered: false, status: "unanswered", correct: null, score: null, headline: "Not answered.", unscored: template.points === 0, feedback: "", feedbackKey: null,
      expected: shownExpected(expected), solution, yourAnswer: null, yourAnswerText: null,
    };
  }
  const r = last.result;
  const answerText = typeof last.answer === "string" ? last.answer : Array.isArray(last.answer) ? last.answer.join(",") : String(last.answer);
  const { headline, feedback } = resultWording(r, template);
  return {
    questionId, answered: true, status: r.status, correct: r.correct, score: r.score, headline, unscored: template.points === 0, feedback, feedbackKey: r.feedbackKey,
    expected: shownExpected(r.expected), solution, yourAnswer: last.answer, yourAnswerText: human(answerText),
  };
}

/** Option ids ("a,b") as "B: text; D: text" in the class's letters; anything else unchanged. */
function choiceText(template: QuestionTemplate, params: QuestionParams, sessionSeed: number, value: string): string {
  if (template.kind !== "single" && template.kind !== "multiple") return value;
  if (value === "") return "";
  const letters = optionLetters(template, sessionSeed);
  return value.split(",").map((id) => {
    const o = template.options.find((x) => x.id === id);
    return o ? `${letters[id]}: ${fillPlaceholders(o.text, params)}` : id;
  }).join("; ");
}

/**
 * One verdict, said once: "Correct!" and the option's explanation without its own "Yes."; a
 * wrong number's "Not quite." without repeating the answer the result already shows.
 */
export function resultWording(r: GradeResult, template: QuestionTemplate): { headline: string; feedback: string } {
  const rest = (text: string, lead: RegExp) => {
    const t = text.replace(lead, "").trim();
    return t ? t.charAt(0).toUpperCase() + t.slice(1) : "";
  };
  switch (r.status) {
    case "correct":
      return { headline: "Correct!", feedback: rest(r.feedback, /^(yes|right|correct)\b[.:!]?\s*/i) };
    case "incorrect": {
      // The generic "Not quite: the answer is X (accepted within ±…)" only repeats the answer shown below it.
      const generic = r.feedbackKey === null && (template.kind === "numeric" || template.kind === "expression");
      // A warm-up or poll is worth no points: a different answer is not a miss, and the words say so.
      const headline = template.points === 0 ? "Not this one — no points either way." : "Not quite.";
      return { headline, feedback: generic ? "" : rest(r.feedback, /^not quite\b[.:]?\s*/i) };
    }
    case "ungraded":
      return { headline: "Thanks!", feedback: rest(r.feedback, /^thanks\b\s*[—–:.!-]?\s*/i) };
    case "invalid":
      return { headline: "We could not read that.", feedback: r.reason ? rest(r.reason, /^$/) : "" };
    default:
      return { headline: "", feedback: r.feedback };
  }
}

/** One student's copy of one asked question of the current activity (null if not asked). */
export function studentQuestionState(s: SessionState, ctx: SessionContext, participantId: string, questionId: string): StudentQuestionState | null {
  const template = ctx.lesson.activities[s.activityIndex]?.questions.find((q) => q.id === questionId);
  const rt = s.questions[questionId];
  if (!template || !rt) return null; // not asked yet: nothing of it is sent
  const { view } = studentView(template, questionSeed(s.seed, participantId, template.id));
  if (view.options) {
    // Each phone keeps its own order, with the letters the projector and the console use.
    const letters = optionLetters(template, s.seed);
    view.options = view.options.map((o) => ({ ...o, letter: letters[o.id] }));
  }
  const attempts = s.answers[template.id]?.[participantId] ?? [];
  return {
    questionId: template.id,
    status: rt.status,
    deadline: rt.deadline,
    view,
    attemptsUsed: attempts.length,
    lastAnswer: attempts.at(-1)?.answer ?? null,
    result: rt.status === "revealed" ? revealedResult(s, ctx, participantId, template.id) : null,
  };
}

export function publicState(s: SessionState, ctx: SessionContext): PublicState {
  const activity = ctx.lesson.activities[s.activityIndex];
  const questions: PublicState["questions"] = [];
  for (const q of activity?.questions ?? []) {
    const rt = s.questions[q.id];
    if (rt) questions.push({ questionId: q.id, status: rt.status, deadline: rt.deadline });
  }
  return { sessionId: s.id, status: s.status, paused: s.paused, activity: activityView(s, ctx), timeline: s.timeline, questions, serverTime: ctx.now };
}

export function studentSnapshot(s: SessionState, ctx: SessionContext, participantId: string): StudentSnapshot {
  const p = s.participants[participantId];
  const a = ctx.lesson.activities[s.activityIndex];
  const questions: StudentQuestionState[] = [];
  for (const template of a.questions) {
    const q = studentQuestionState(s, ctx, participantId, template.id);
    if (q) questions.push(q);
  }
  return {
    sessionId: s.id,
    code: s.code,
    status: s.status,
    paused: s.paused,
    participant: { id: participantId, nickname: p?.nickname ?? "" },
    activity: activityView(s, ctx),
    timeline: s.timeline,
    questions,
    serverTime: ctx.now,
  };
}
