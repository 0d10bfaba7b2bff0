import { count } from "../../lib/plural";

/**
 * After a live class, how the student did, in words that read right for one question as for
 * many: "You answered the question and got it right.", "You answered 2 of 3 questions and got
 * 1 of 2 graded ones right."
 */
export function answeredSummary(s: { answered: number; asked: number; graded: number; correct: number }): string {
  const answered = s.asked === 1 ? (s.answered === 1 ? "You answered the question" : "You did not answer the question") : `You answered ${s.answered} of ${count(s.asked, "question")}`;
  if (s.graded === 0) return `${answered}.`;
  if (s.graded === 1) return `${answered} and got ${s.asked === 1 ? "it" : "the graded one"} ${s.correct === 1 ? "right" : "wrong"}.`;
  return `${answered} and got ${s.correct} of ${s.graded} graded ones right.`;
}
