import type { Lesson } from "../lesson/schema.ts";
import { fillPlaceholders } from "../questions/render.ts";
import { sampleParams, type QuestionParams } from "../questions/sampling.ts";
import { workedSolution } from "../questions/grade.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { getPreset } from "../sim/presets/registry.ts";

/**
 * The after-class report, computed from what the database holds about one session (never
 * from a live room), so it is the same after a restart or weeks later. Pure: the server
 * loads the rows, this turns them into numbers, the web renders them.
 *
 * Conventions (also in docs/PROTOCOL.md):
 * - a student's answer to a question is their *last* attempt (the one that counts);
 * - "time to answer" is the *first* attempt's time from the question opening;
 * - correct rates are over students who answered; completion is over every student and
 *   every question asked; a student's rate is over the graded questions asked (speed never
 *   enters it).
 */

export interface ReportInput {
  session: { id: string; code: string; status: string; createdAt: number; endedAt: number | null };
  lesson: Lesson;
  participants: { id: string; nickname: string; joinedAt: number; removed: boolean }[];
  /** `question.opened` events in log order (a question may be opened more than once). */
  openedQuestions: { questionId: string; at: number }[];
  responses: ReportResponse[];
  experimentRuns: { participantId: string; activityId: string; value: number; trainLoss: number; valLoss: number }[];
}

export interface ReportResponse {
  participantId: string;
  questionId: string;
  attempt: number;
  params: QuestionParams;
  answer: unknown;
  /** correct | incorrect | invalid | ungraded */
  status: string;
  correct: boolean | null;
  feedbackKey: string | null;
  msToAnswer: number | null;
  answeredAt: number;
}

export interface SessionReport {
  session: ReportInput["session"] & { lessonId: string; lessonTitle: string };
  overview: {
    participants: number;
    questionsAsked: number;
    gradedQuestionsAsked: number;
    responses: number;
    /** Mean of the graded questions' correct rates (null before any graded answer). */
    averageCorrectRate: number | null;
    /** Answers given ÷ (students × questions asked). */
    completion: number | null;
  };
  questions: QuestionReport[];
  students: StudentReport[];
  experiments: ExperimentReport[];
}

export interface QuestionReport {
  id: string;
  activityId: string;
  activityTitle: string;
  kind: QuestionTemplate["kind"];
  /** The prompt with one student's numbers (see `paramsVary`). */
  prompt: string;
  /** True when each student saw their own numbers; prompt and solution show the first respondent's. */
  paramsVary: boolean;
  graded: boolean;
  points: number;
  openedAt: number;
  answered: number;
  correct: number;
  correctRate: number | null;
  /** Buckets of final answers, biggest first. */
  distribution: { key: string; label: string; count: number; correct: boolean | null }[];
  /** Every named mistake of the question: its human label, how many made it and the feedback they got. */
  mistakes: { key: string; label: string; feedback: string; count: number }[];
  medianMsToAnswer: number | null;
  /** Short-text answers, with who wrote them (the report is the teacher's eyes only). */
  texts: { nickname: string; text: string }[];
  solution: string | null;
}

export interface StudentReport {
  id: string;
  nickname: string;
  joinedAt: number;
  removed: boolean;
  answered: number;
  correct: number;
  /** correct ÷ graded questions asked. */
  correctRate: number | null;
  /** By question id: the final answer, as text, and how it was graded. */
  answers: Record<string, { answer: string; status: string; attempts: number; msToAnswer: number | null }>;
  experiments: Record<string, { value: number; valLoss: number }>;
}

export interface ExperimentReport {
  activityId: string;
  title: string;
  /** What students chose (e.g. "λ") and how to plot it. */
  label: string;
  scale: "log" | "linear";
  points: { participantId: string; nickname: string; value: number; trainLoss: number; valLoss: number }[];
  /** The run with the lowest validation loss. */
  best: { participantId: string; nickname: string; value: number; valLoss: number } | null;
}

/** Show an answer as a teacher reads it: option texts for choices, the typed text otherwise. */
export function answerText(template: QuestionTemplate | undefined, answer: unknown, params: QuestionParams = {}): string {
  if (answer === null || answer === undefined) return "";
  if (template && (template.kind === "single" || template.kind === "multiple")) {
    const byId = new Map(template.options.map((o) => [o.id, fillPlaceholders(o.text, params)]));
    const ids = Array.isArray(answer) ? answer : [answer];
    return ids.map((id) => byId.get(String(id)) ?? String(id)).join("; ");
  }
  if (typeof answer === "string") return answer.trim();
  return JSON.stringify(answer);
}

/** Every question of a lesson by id, with the activity it belongs to (built once per report). */
export function questionsById(lesson: Lesson): Map<string, { question: QuestionTemplate; activityId: string }> {
  const m = new Map<string, { question: QuestionTemplate; activityId: string }>();
  for (const a of lesson.activities) for (const q of a.questions) m.set(q.id, { question: q, activityId: a.id });
  return m;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const rate = (n: number, of: number): number | null => (of > 0 ? n / of : null);

interface Attempts {
  first: ReportResponse;
  last: ReportResponse;
  count: number;
}

export function buildReport(input: ReportInput): SessionReport {
  const { lesson } = input;
  const nick = new Map(input.participants.map((p) => [p.id, p.nickname]));
  const students = input.participants.filter((p) => !p.removed);

  // byQuestion[qid][pid] = first and last attempt
  const byQuestion = new Map<string, Map<string, Attempts>>();
  const ordered = [...input.responses].sort((a, b) => a.attempt - b.attempt || a.answeredAt - b.answeredAt);
  for (const r of ordered) {
    let m = byQuestion.get(r.questionId);
    if (!m) byQuestion.set(r.questionId, (m = new Map()));
    const prev = m.get(r.participantId);
    m.set(r.participantId, prev ? { first: prev.first, last: r, count: prev.count + 1 } : { first: r, last: r, count: 1 });
  }

  const firstOpened = new Map<string, number>();
  for (const o of input.openedQuestions) if (!firstOpened.has(o.questionId)) firstOpened.set(o.questionId, o.at);

  const questions: QuestionReport[] = [];
  for (const activity of lesson.activities) {
    for (const q of activity.questions) {
      const openedAt = firstOpened.get(q.id);
      if (openedAt === undefined) continue;
      questions.push(questionReport(q, activity, openedAt, byQuestion.get(q.id) ?? new Map(), nick));
    }
  }
  questions.sort((a, b) => a.openedAt - b.openedAt);

  const graded = questions.filter((q) => q.graded);
  const templates = questionsById(lesson);
  const runsByParticipant = new Map<string, ReportInput["experimentRuns"]>();
  for (const run of input.experimentRuns) {
    const list = runsByParticipant.get(run.participantId);
    if (list) list.push(run);
    else runsByParticipant.set(run.participantId, [run]);
  }
  const studentReports: StudentReport[] = input.participants.map((p) => {
    const answers: StudentReport["answers"] = {};
    let answered = 0;
    let correct = 0;
    for (const q of questions) {
      const a = byQuestion.get(q.id)?.get(p.id);
      if (!a) continue;
      answered++;
      if (q.graded && a.last.correct === true) correct++;
      answers[q.id] = { answer: answerText(templates.get(q.id)?.question, a.last.answer, a.last.params), status: a.last.status, attempts: a.count, msToAnswer: a.first.msToAnswer };
    }
    const experiments: StudentReport["experiments"] = {};
    for (const run of runsByParticipant.get(p.id) ?? []) experiments[run.activityId] = { value: run.value, valLoss: run.valLoss };
    return { id: p.id, nickname: p.nickname, joinedAt: p.joinedAt, removed: p.removed, answered, correct, correctRate: rate(correct, graded.length), answers, experiments };
  });

  const experiments: ExperimentReport[] = [];
  for (const activity of lesson.activities) {
    if (!activity.experiment) continue;
    const points = input.experimentRuns
      .filter((r) => r.activityId === activity.id)
      .map((r) => ({ participantId: r.participantId, nickname: nick.get(r.participantId) ?? "?", value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss }))
      .sort((a, b) => a.value - b.value || a.nickname.localeCompare(b.nickname));
    if (points.length === 0) continue;
    const bestPoint = points.reduce((b, p) => (p.valLoss < b.valLoss ? p : b));
    const def = getPreset(activity.experiment.presetId).experiment;
    experiments.push({ activityId: activity.id, title: activity.title, label: def?.label ?? "value", scale: def?.scale ?? "linear", points, best: { participantId: bestPoint.participantId, nickname: bestPoint.nickname, value: bestPoint.value, valLoss: bestPoint.valLoss } });
  }

  const gradedRates = graded.map((q) => q.correctRate).filter((r): r is number => r !== null);
  const answersGiven = questions.reduce((n, q) => n + q.answered, 0);
  return {
    session: { ...input.session, lessonId: lesson.id, lessonTitle: lesson.title },
    overview: {
      participants: students.length,
      questionsAsked: questions.length,
      gradedQuestionsAsked: graded.length,
      responses: input.responses.length,
      averageCorrectRate: gradedRates.length ? gradedRates.reduce((a, b) => a + b, 0) / gradedRates.length : null,
      completion: rate(answersGiven, students.length * questions.length),
    },
    questions,
    students: studentReports,
    experiments,
  };
}

function questionReport(q: QuestionTemplate, activity: Lesson["activities"][number], openedAt: number, attempts: Map<string, Attempts>, nick: Map<string, string>): QuestionReport {
  const finals = [...attempts.values()].map((a) => a.last);
  const graded = q.kind !== "text" && finals.every((r) => r.status !== "ungraded");
  const correct = finals.filter((r) => r.correct === true).length;
  const shownParams = finals[0]?.params ?? sampleParams(q, 0);

  const buckets = new Map<string, { key: string; label: string; count: number; correct: boolean | null }>();
  const bump = (key: string, label: string, isCorrect: boolean | null) => {
    const b = buckets.get(key);
    if (b) b.count++;
    else buckets.set(key, { key, label, count: 1, correct: isCorrect });
  };
  const mistakeFeedback = new Map((q.kind === "numeric" || q.kind === "expression" ? q.mistakes : []).map((m) => [m.key, m]));
  const mistakeCounts = new Map<string, number>();
  const texts: QuestionReport["texts"] = [];
  for (const r of finals) {
    if (r.feedbackKey && mistakeFeedback.has(r.feedbackKey)) mistakeCounts.set(r.feedbackKey, (mistakeCounts.get(r.feedbackKey) ?? 0) + 1);
    if (q.kind === "single" || q.kind === "multiple") {
      const ids = Array.isArray(r.answer) ? r.answer.map(String) : typeof r.answer === "string" ? [r.answer] : [];
      const correctIds = q.kind === "multiple" ? new Set(q.correct) : null;
      for (const id of ids) {
        const option = q.options.find((o) => o.id === id);
        // Prediction questions have no fixed key: the simulation decided, and the grade says so.
        const isCorrect = q.kind === "single" ? (q.correct ? q.correct === id : r.correct) : correctIds!.has(id);
        bump(`option:${id}`, option ? fillPlaceholders(option.text, r.params) : id, isCorrect);
      }
    } else if (q.kind === "text") {
      const text = answerText(q, r.answer);
      if (r.status !== "invalid" && text) texts.push({ nickname: nick.get(r.participantId) ?? "?", text });
      bump(r.status, r.status === "invalid" ? "Unreadable" : "Answered", null);
    } else if (r.status === "correct") bump("correct", "Correct", true);
    else if (r.status === "invalid") bump("invalid", "Unreadable answer", false);
    else if (r.feedbackKey && mistakeFeedback.has(r.feedbackKey)) bump(`mistake:${r.feedbackKey}`, mistakeFeedback.get(r.feedbackKey)!.label, false);
    else bump("other", "Other wrong answer", false);
  }
  // Choices with nobody on them still belong in the distribution (a 0 is information).
  if (q.kind === "single" || q.kind === "multiple") {
    for (const o of q.options) if (!buckets.has(`option:${o.id}`)) buckets.set(`option:${o.id}`, { key: `option:${o.id}`, label: fillPlaceholders(o.text, shownParams), count: 0, correct: q.kind === "single" ? (q.correct ? q.correct === o.id : null) : q.correct.includes(o.id) });
  }

  const paramSets = new Set(finals.map((r) => JSON.stringify(r.params)));
  return {
    id: q.id,
    activityId: activity.id,
    activityTitle: activity.title,
    kind: q.kind,
    prompt: fillPlaceholders(q.prompt, shownParams),
    paramsVary: paramSets.size > 1,
    graded,
    points: q.points,
    openedAt,
    answered: finals.length,
    correct: graded ? correct : 0,
    correctRate: graded ? rate(correct, finals.length) : null,
    distribution: [...buckets.values()].sort((a, b) => b.count - a.count),
    mistakes: [...mistakeFeedback].map(([key, m]) => ({ key, label: m.label, feedback: fillPlaceholders(m.feedback, shownParams), count: mistakeCounts.get(key) ?? 0 })),
    medianMsToAnswer: median([...attempts.values()].map((a) => a.first.msToAnswer).filter((m): m is number => m !== null)),
    texts,
    solution: q.solution ? workedSolution(q, shownParams) : null,
  };
}
