import type { Lesson } from "../lesson/schema.ts";
import type { QuestionParams } from "../questions/sampling.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import type { ItemStats, TimeSummary } from "./itemStats.ts";
import type { WhatNext } from "./whatNext.ts";

/** What the database holds about one session: the report's only input. */
export interface ReportInput {
  session: {
    id: string; code: string; status: string; createdAt: number; endedAt: number | null;
    /** The class (roster) the session was run for, if any: the report's header names it. */
    classroom?: { id: string; name: string } | null;
  };
  lesson: Lesson;
  participants: { id: string; nickname: string; joinedAt: number; removed: boolean }[];
  /** `question.opened` events in log order (a question may be opened more than once). */
  openedQuestions: { questionId: string; at: number }[];
  responses: ReportResponse[];
  experimentRuns: { participantId: string; activityId: string; value: number; trainLoss: number; valLoss: number }[];
  /** Answers refused as unreadable (they used no attempt; the room keeps a few per student and question). */
  unreadable?: { participantId: string; questionId: string }[];
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
  /** 0…1 (partial credit for multiple choice); null when not graded. */
  score: number | null;
  feedbackKey: string | null;
  msToAnswer: number | null;
  answeredAt: number;
}

export interface ReportOptions {
  /** "Needs help" below this correct rate (0…1); default 0.5. */
  helpBelow?: number;
}

export interface SessionReport {
  session: ReportInput["session"] & { lessonId: string; lessonTitle: string };
  overview: {
    participants: number;
    questionsAsked: number;
    /** Questions that count toward the score (see score/definition.ts). */
    gradedQuestionsAsked: number;
    /** Points available: every student's `maxScore`. */
    maxScore: number;
    responses: number;
    /** Mean of the graded questions' correct rates (null before any graded answer). */
    averageCorrectRate: number | null;
    /** Answers given ÷ (students × questions asked). */
    completion: number | null;
  };
  whatNext: WhatNext;
  questions: QuestionReport[];
  students: StudentReport[];
  experiments: ExperimentReport[];
}

export interface QuestionReport {
  id: string;
  /** 1-based position in the report (the order questions were first opened): "Q3". */
  n: number;
  activityId: string;
  activityTitle: string;
  /** How a person tells it apart: the activity's title, with "(2 of 5)" when the activity has several questions. */
  title: string;
  kind: QuestionTemplate["kind"];
  /** The prompt with one student's numbers (see `paramsVary`). */
  prompt: string;
  /** True when each student saw their own numbers; prompt and solution show the first respondent's. */
  paramsVary: boolean;
  /** Has a right answer in this class (so a correct rate). */
  keyed: boolean;
  /** Counts toward the score: keyed and worth points. */
  graded: boolean;
  points: number;
  openedAt: number;
  answered: number;
  correct: number;
  /** correct ÷ answered, for keyed questions; null otherwise. */
  correctRate: number | null;
  /** Buckets of final answers, biggest first. */
  distribution: { key: string; label: string; count: number; correct: boolean | null }[];
  /** Every named mistake of the question: its human label, how many made it and the feedback they got. */
  mistakes: { key: string; label: string; feedback: string; count: number }[];
  medianMsToAnswer: number | null;
  /** Time to answer (first attempts) as a five-number summary. */
  time: TimeSummary | null;
  /** Item statistics (keyed questions only). */
  item: ItemStats | null;
  /** Short-text answers, with who wrote them (the report is the teacher's eyes only). */
  texts: { nickname: string; text: string }[];
  solution: string | null;
}

export interface StudentAnswer {
  /** The final answer, as a teacher reads it. */
  answer: string;
  status: string;
  attempts: number;
  /** The first attempt's time from the question opening. */
  msToAnswer: number | null;
  /** The named mistake of the final answer (numeric and formula questions), if any: its key… */
  mistake: string | null;
  /** …and its label as this question words it (keys may repeat across questions, labels differ). */
  mistakeLabel: string | null;
}

export interface StudentReport {
  id: string;
  nickname: string;
  joinedAt: number;
  removed: boolean;
  /** The student's `Score` (score/definition.ts), the same numbers their phone showed. */
  answered: number;
  correct: number;
  graded: number;
  score: number;
  maxScore: number;
  /** correct ÷ graded questions asked. */
  correctRate: number | null;
  /** By question id. */
  answers: Record<string, StudentAnswer>;
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
