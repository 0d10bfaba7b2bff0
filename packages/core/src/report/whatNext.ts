import type { QuestionReport, StudentReport } from "./types.ts";

/**
 * "What next", the top of the report: what a teacher acts on before the next lesson.
 *
 * - **needs help**: students (not removed) whose correct rate is below `helpBelow` (the teacher
 *   sets it; 50 % by default), or who made the same kind of named mistake (misconception) in two
 *   or more final answers. A lesson's mistakes may share a key across questions ("dropped-factor-2"
 *   in every weight-decay question), but each question words its own mistake ("Used 1 − ηλ" in one,
 *   "Gave λw" in another): the grouping keeps every question's own label, and the report says it
 *   is a grouping ("the same mistake in Q3 and Q9").
 * - **missed questions**: keyed questions that fewer than half of those who answered got right,
 *   worst first.
 * - **common mistakes**: the three named mistakes made most often (final answers), one entry per
 *   question's mistake with that question's label, count and feedback; `alsoIn` lists the other
 *   questions where the same kind of mistake (same key) was made, which the report shows as such.
 * - **participation**: for each question in the order asked, the share of students who answered.
 *
 * "Assign practice on these skills" belongs here once practice exists (the practice and mastery
 * issue): `missedQuestions` and `commonMistakes` are what it would assign from.
 */

export const DEFAULT_HELP_BELOW = 0.5;
/** A question "most of the class missed": correct rate below this. */
export const MISSED_BELOW = 0.5;
export const REPEATED_MISTAKE = 2;

export interface WhatNext {
  helpBelow: number;
  needsHelp: {
    participantId: string;
    nickname: string;
    correct: number;
    graded: number;
    correctRate: number | null;
    belowThreshold: boolean;
    /** Kinds of named mistake (one key) this student made in at least two questions, with each question's own label. */
    repeatedMistakes: { key: string; count: number; questions: Omit<MistakeIn, "count">[] }[];
  }[];
  missedQuestions: { questionId: string; n: number; title: string; correctRate: number; answered: number }[];
  /** One question's named mistake: label, feedback and count are that question's. */
  commonMistakes: (MistakeIn & { feedback: string; alsoIn: MistakeIn[] })[];
  participation: { questionId: string; n: number; answered: number; of: number; rate: number | null }[];
}

/** A named mistake as one question words it, and how many made it there. */
export interface MistakeIn {
  questionId: string;
  n: number;
  key: string;
  label: string;
  count: number;
}

export function whatNext(questions: readonly QuestionReport[], students: readonly StudentReport[], helpBelow = DEFAULT_HELP_BELOW): WhatNext {
  const present = students.filter((s) => !s.removed);

  // Every question's own mistakes (made at least once), and which questions share a key.
  const made = questions.flatMap((q) => q.mistakes.filter((m) => m.count > 0).map((m) => ({ questionId: q.id, n: q.n, key: m.key, label: m.label, count: m.count, feedback: m.feedback })));
  const byKey = new Map<string, MistakeIn[]>();
  for (const m of made) byKey.set(m.key, [...(byKey.get(m.key) ?? []), { questionId: m.questionId, n: m.n, key: m.key, label: m.label, count: m.count }]);
  const nOf = new Map(questions.map((q) => [q.id, q.n]));

  const needsHelp: WhatNext["needsHelp"] = [];
  for (const s of present) {
    const mine = new Map<string, Omit<MistakeIn, "count">[]>();
    for (const [questionId, a] of Object.entries(s.answers)) {
      const n = nOf.get(questionId);
      if (a.mistake && a.mistakeLabel !== null && n !== undefined) mine.set(a.mistake, [...(mine.get(a.mistake) ?? []), { questionId, n, key: a.mistake, label: a.mistakeLabel }]);
    }
    const repeatedMistakes = [...mine]
      .filter(([, list]) => list.length >= REPEATED_MISTAKE)
      .map(([key, list]) => ({ key, count: list.length, questions: list.sort((a, b) => a.n - b.n) }))
      .sort((a, b) => b.count - a.count || a.questions[0].n - b.questions[0].n);
    const belowThreshold = s.correctRate !== null && s.correctRate < helpBelow;
    if (belowThreshold || repeatedMistakes.length > 0) {
      needsHelp.push({ participantId: s.id, nickname: s.nickname, correct: s.correct, graded: s.graded, correctRate: s.correctRate, belowThreshold, repeatedMistakes });
    }
  }
  needsHelp.sort((a, b) => (a.correctRate ?? 0) - (b.correctRate ?? 0) || a.nickname.localeCompare(b.nickname));

  const missedQuestions = questions
    .filter((q): q is QuestionReport & { correctRate: number } => q.keyed && q.correctRate !== null && q.correctRate < MISSED_BELOW)
    .map((q) => ({ questionId: q.id, n: q.n, title: q.title, correctRate: q.correctRate, answered: q.answered }))
    .sort((a, b) => a.correctRate - b.correctRate || a.n - b.n);

  const commonMistakes = made
    .sort((a, b) => b.count - a.count || a.n - b.n)
    .slice(0, 3)
    .map((m) => ({ ...m, alsoIn: byKey.get(m.key)!.filter((o) => o.questionId !== m.questionId) }));

  const participation = [...questions]
    .sort((a, b) => a.n - b.n)
    .map((q) => {
      const answered = present.filter((s) => s.answers[q.id] !== undefined).length;
      return { questionId: q.id, n: q.n, answered, of: present.length, rate: present.length ? answered / present.length : null };
    });

  return { helpBelow, needsHelp, missedQuestions, commonMistakes, participation };
}
