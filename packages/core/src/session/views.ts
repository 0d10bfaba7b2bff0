import type { Activity } from "../lesson/schema.ts";
import type { GradeResult } from "../questions/grade.ts";
import { gradeAnswer, workedSolution } from "../questions/grade.ts";
import { studentView, type StudentQuestionView } from "../questions/render.ts";
import { questionSeed, sampleParams } from "../questions/sampling.ts";
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
  feedback: string;
  feedbackKey: string | null;
  expected: string;
  solution: string;
  yourAnswer: unknown;
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

/** The result a student sees for one question after the reveal. */
export function revealedResult(s: SessionState, ctx: SessionContext, participantId: string, questionId: string): RevealedResult | null {
  const a = ctx.lesson.activities.find((x) => x.questions.some((q) => q.id === questionId));
  const template = a?.questions.find((q) => q.id === questionId);
  if (!template) return null;
  const params = sampleParams(template, questionSeed(s.seed, participantId, questionId));
  const attempts = s.answers[questionId]?.[participantId] ?? [];
  const last = attempts.at(-1);
  const solution = workedSolution(template, params);
  if (!last) {
    // Grading an empty answer is "invalid" but still says what was expected.
    const expected = gradeAnswer(template, params, "", { predictionOutcome: s.questions[questionId]?.predictionOutcome }).expected;
    return { questionId, answered: false, status: "unanswered", correct: null, score: null, feedback: "You did not answer this one.", feedbackKey: null, expected, solution, yourAnswer: null };
  }
  const r = last.result;
  return { questionId, answered: true, status: r.status, correct: r.correct, score: r.score, feedback: r.feedback, feedbackKey: r.feedbackKey, expected: r.expected, solution, yourAnswer: last.answer };
}

/** One student's copy of one asked question of the current activity (null if not asked). */
export function studentQuestionState(s: SessionState, ctx: SessionContext, participantId: string, questionId: string): StudentQuestionState | null {
  const template = ctx.lesson.activities[s.activityIndex]?.questions.find((q) => q.id === questionId);
  const rt = s.questions[questionId];
  if (!template || !rt) return null; // not asked yet: nothing of it is sent
  const { view } = studentView(template, questionSeed(s.seed, participantId, template.id));
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
