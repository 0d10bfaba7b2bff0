import type { Lesson } from "../lesson/schema.ts";
import { fillPlaceholders } from "../questions/render.ts";
import { sampleParams } from "../questions/sampling.ts";
import { workedSolution } from "../questions/grade.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { itemStats, timeSummary, type classThirds } from "./itemStats.ts";
import { answerText, median } from "./answers.ts";
import type { QuestionReport, ReportResponse } from "./types.ts";

/** One student's attempts at one question: the first (its time is the time to answer), the final one, how many. */
export interface Attempts {
  first: ReportResponse;
  last: ReportResponse;
  count: number;
  all: readonly ReportResponse[];
}

/** The activity's title, with "(2 of 5)" when it holds several questions: how a teacher tells them apart. */
export function questionTitle(activity: Lesson["activities"][number], questionId: string): string {
  const n = activity.questions.length;
  return n > 1 ? `${activity.title} (${activity.questions.findIndex((q) => q.id === questionId) + 1} of ${n})` : activity.title;
}

/** Named mistakes of a question: numeric and formula questions' `mistakes`, by key. */
export function namedMistakes(q: QuestionTemplate): Map<string, { label: string; feedback: string }> {
  return new Map((q.kind === "numeric" || q.kind === "expression" ? q.mistakes : []).map((m) => [m.key, m]));
}

export interface QuestionContext {
  activity: Lesson["activities"][number];
  n: number;
  openedAt: number;
  keyed: boolean;
  graded: boolean;
  attempts: Map<string, Attempts>;
  nick: Map<string, string>;
  thirds: ReturnType<typeof classThirds>;
  /** Students whose unreadable answers to this question were kept, one entry per answer. */
  refused: string[];
}

/** The report of one asked question: counts over final attempts, distribution, named mistakes, time, item statistics. */
export function questionReport(q: QuestionTemplate, c: QuestionContext): QuestionReport {
  const finals = [...c.attempts.values()].map((a) => a.last);
  const correct = finals.filter((r) => r.correct === true).length;
  const shownParams = finals[0]?.params ?? sampleParams(q, 0);

  const buckets = new Map<string, { key: string; label: string; count: number; correct: boolean | null }>();
  const bump = (key: string, label: string, isCorrect: boolean | null) => {
    const b = buckets.get(key);
    if (b) b.count++;
    else buckets.set(key, { key, label, count: 1, correct: isCorrect });
  };
  const mistakes = namedMistakes(q);
  const mistakeCounts = new Map<string, number>();
  const texts: QuestionReport["texts"] = [];
  for (const r of finals) {
    if (r.feedbackKey && mistakes.has(r.feedbackKey)) mistakeCounts.set(r.feedbackKey, (mistakeCounts.get(r.feedbackKey) ?? 0) + 1);
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
      if (r.status !== "invalid" && text) texts.push({ nickname: c.nick.get(r.participantId) ?? "?", text });
      bump(r.status, r.status === "invalid" ? "Unreadable" : "Answered", null);
    } else if (r.status === "correct") bump("correct", "Correct", true);
    else if (r.status === "invalid") bump("invalid", "Unreadable answer", false);
    else if (r.feedbackKey && mistakes.has(r.feedbackKey)) bump(`mistake:${r.feedbackKey}`, mistakes.get(r.feedbackKey)!.label, false);
    else bump("other", "Other wrong answer", false);
  }
  // Choices with nobody on them still belong in the distribution (a 0 is information).
  if (q.kind === "single" || q.kind === "multiple") {
    for (const o of q.options) if (!buckets.has(`option:${o.id}`)) buckets.set(`option:${o.id}`, { key: `option:${o.id}`, label: fillPlaceholders(o.text, shownParams), count: 0, correct: q.kind === "single" ? (q.correct ? q.correct === o.id : null) : q.correct.includes(o.id) });
  }

  const times = [...c.attempts.values()].map((a) => a.first.msToAnswer).filter((m): m is number => m !== null);
  const paramSets = new Set(finals.map((r) => JSON.stringify(r.params)));
  const finalsById = new Map([...c.attempts].map(([pid, a]) => [pid, a.last]));
  // Unreadable: refused ones the room kept, and stored attempts graded "invalid" (older sessions).
  const storedInvalid = [...c.attempts].flatMap(([pid, a]) => a.all.filter((r) => r.status === "invalid").map(() => pid));
  const submissions = [...c.attempts.values()].reduce((n, a) => n + a.count, 0) + c.refused.length;
  const unread = { unreadable: storedInvalid.length + c.refused.length, students: new Set([...storedInvalid, ...c.refused]).size, submissions };
  return {
    id: q.id,
    n: c.n,
    activityId: c.activity.id,
    activityTitle: c.activity.title,
    title: questionTitle(c.activity, q.id),
    kind: q.kind,
    prompt: fillPlaceholders(q.prompt, shownParams),
    paramsVary: paramSets.size > 1,
    keyed: c.keyed,
    graded: c.graded,
    points: q.points,
    openedAt: c.openedAt,
    answered: finals.length,
    correct: c.keyed ? correct : 0,
    correctRate: c.keyed && finals.length > 0 ? correct / finals.length : null,
    distribution: [...buckets.values()].sort((a, b) => b.count - a.count),
    mistakes: [...mistakes].map(([key, m]) => ({ key, label: m.label, feedback: fillPlaceholders(m.feedback, shownParams), count: mistakeCounts.get(key) ?? 0 })),
    medianMsToAnswer: median(times),
    time: timeSummary(times),
    item: c.keyed ? itemStats(finalsById, c.thirds, unread) : null,
    texts,
    solution: q.solution ? workedSolution(q, shownParams) : null,
  };
}
