import type { QuestionReport, StudentReport } from "./types.ts";

/**
 * "What next", the top of the report: what a teacher acts on before the next lesson.
 *
 * - **needs help**: students (not removed) whose correct rate is below `helpBelow` (the teacher
 *   sets it; 50 % by default), or who made the same named mistake (misconception) in two or
 *   more final answers — the lesson's mistakes share keys across questions, e.g. "dropped the 2"
 *   in every weight-decay question.
 * - **missed questions**: keyed questions that fewer than half of those who answered got right,
 *   worst first.
 * - **common mistakes**: the three named mistakes made most often over the whole class (final
 *   answers), with the feedback students were given.
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
    /** Named mistakes this student made at least twice. */
    repeatedMistakes: { key: string; label: string; count: number }[];
  }[];
  missedQuestions: { questionId: string; n: number; title: string; correctRate: number; answered: number }[];
  commonMistakes: { key: string; label: string; feedback: string; count: number; questions: { questionId: string; n: number; count: number }[] }[];
  participation: { questionId: string; n: number; answered: number; of: number; rate: number | null }[];
}

export function whatNext(questions: readonly QuestionReport[], students: readonly StudentReport[], helpBelow = DEFAULT_HELP_BELOW): WhatNext {
  const present = students.filter((s) => !s.removed);

  // Mistake label and feedback by key: from the question where most students made it.
  const mistakeInfo = new Map<string, { label: string; feedback: string; count: number; questions: { questionId: string; n: number; count: number }[]; best: number }>();
  for (const q of questions) {
    for (const m of q.mistakes) {
      if (m.count === 0) continue;
      const info = mistakeInfo.get(m.key);
      if (!info) mistakeInfo.set(m.key, { label: m.label, feedback: m.feedback, count: m.count, questions: [{ questionId: q.id, n: q.n, count: m.count }], best: m.count });
      else {
        info.count += m.count;
        info.questions.push({ questionId: q.id, n: q.n, count: m.count });
        if (m.count > info.best) Object.assign(info, { label: m.label, feedback: m.feedback, best: m.count });
      }
    }
  }

  const needsHelp: WhatNext["needsHelp"] = [];
  for (const s of present) {
    const byKey = new Map<string, number>();
    for (const a of Object.values(s.answers)) if (a.mistake && mistakeInfo.has(a.mistake)) byKey.set(a.mistake, (byKey.get(a.mistake) ?? 0) + 1);
    const repeatedMistakes = [...byKey]
      .filter(([, n]) => n >= REPEATED_MISTAKE)
      .map(([key, count]) => ({ key, label: mistakeInfo.get(key)!.label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
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

  const commonMistakes = [...mistakeInfo]
    .map(([key, m]) => ({ key, label: m.label, feedback: m.feedback, count: m.count, questions: m.questions }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, 3);

  const participation = [...questions]
    .sort((a, b) => a.n - b.n)
    .map((q) => {
      const answered = present.filter((s) => s.answers[q.id] !== undefined).length;
      return { questionId: q.id, n: q.n, answered, of: present.length, rate: present.length ? answered / present.length : null };
    });

  return { helpBelow, needsHelp, missedQuestions, commonMistakes, participation };
}
