import type { Lesson } from "../lesson/schema.ts";
import type { SessionState } from "./state.ts";

/** A student's own numbers at the end of the class (sent to their phone with `session:ended`). */
export interface PersonalSummary {
  asked: number;
  answered: number;
  correct: number;
  graded: number;
  questions: { questionId: string; answered: boolean; correct: boolean | null; points: number }[];
}

/**
 * Count what a student did: every question the class was asked, whether they answered (their
 * last attempt counts), and how many of the graded ones (points > 0, not a poll) were right.
 */
export function personalSummary(s: SessionState, lesson: Lesson, participantId: string): PersonalSummary {
  const questions: PersonalSummary["questions"] = [];
  for (const a of lesson.activities) {
    for (const q of a.questions) {
      if (!s.questions[q.id]) continue;
      const last = s.answers[q.id]?.[participantId]?.at(-1);
      questions.push({ questionId: q.id, answered: !!last, correct: last?.result.correct ?? null, points: q.points });
    }
  }
  const graded = questions.filter((r) => r.correct !== null && r.points > 0);
  return {
    asked: questions.length,
    answered: questions.filter((r) => r.answered).length,
    correct: graded.filter((r) => r.correct).length,
    graded: graded.length,
    questions,
  };
}
