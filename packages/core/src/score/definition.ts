import type { Lesson } from "../lesson/schema.ts";
import type { QuestionTemplate } from "../questions/schema.ts";

/**
 * THE definition of a student's score. The phone's end-of-class summary (`personalSummary`,
 * from the live state), the report (from the database rows), both CSVs, the gradebook and the
 * xlsx export all count with these functions, so one student has one set of numbers wherever
 * a teacher or the student looks. Written down for people in docs/PROTOCOL.md ("Scores").
 *
 * - **asked**: a question the teacher opened at least once in this class (reopening counts once).
 * - **final attempt**: of a student's stored attempts at a question, the one with the highest
 *   attempt number — the one that counts. (Unreadable answers are refused: they never use up an
 *   attempt and are never final; the report only counts them per question.)
 * - **answered**: the student has a final attempt at an asked question (any kind, polls and
 *   short text included).
 * - **keyed**: the question has a right answer in this class: not short text, not a choice
 *   question without a key, and not a prediction whose simulation was inconclusive (every
 *   answer to it was graded "ungraded"). Keyed questions get a correct rate.
 * - **graded**: keyed *and* worth points (`points > 0`; warm-ups and polls have 0). Only graded
 *   questions count toward a score. Every student of a class has the same graded questions.
 * - **correct**: graded questions whose final attempt is right. Unanswered graded questions
 *   count as not correct (they stay in `graded`).
 * - **score / maxScore**: Σ points × the final attempt's score (0…1; partial credit only for
 *   multiple choice) over graded questions, out of Σ points of the graded questions.
 */

/** The part of a stored attempt that scoring reads (a Response row or a live AnswerRecord). */
export interface ScoredAttempt {
  attempt: number;
  /** correct | incorrect | invalid | ungraded */
  status: string;
  correct: boolean | null;
  /** 0…1, null when not graded. */
  score: number | null;
}

/** The final attempt (highest attempt number) of one student at one question; undefined if none. */
export function finalAttempt<T extends { attempt: number }>(attempts: readonly T[] | undefined): T | undefined {
  let last: T | undefined;
  for (const a of attempts ?? []) if (!last || a.attempt >= last.attempt) last = a;
  return last;
}

/** Does a question of this kind have a right answer at all (before looking at the answers)? */
function templateHasKey(q: QuestionTemplate): boolean {
  if (q.kind === "text") return false;
  if (q.kind === "single") return q.correct !== undefined || q.prediction !== undefined;
  return true;
}

/**
 * Has this question a right answer in this class? `finals` are the class's final attempts at it
 * (iterated lazily: the first graded one decides, so this is O(1) in a normal class).
 */
export function isKeyed(q: QuestionTemplate, finals: Iterable<{ status: string }>): boolean {
  if (!templateHasKey(q)) return false;
  let any = false;
  for (const f of finals) {
    if (f.status !== "ungraded") return true;
    any = true;
  }
  // Nobody answered: the template decides. Everyone "ungraded": an inconclusive prediction.
  return !any;
}

/** A question the class was asked, with what scoring needs to know about it. */
export interface AskedQuestion {
  question: QuestionTemplate;
  keyed: boolean;
  /** Counts toward every student's score (keyed and points > 0). */
  graded: boolean;
}

/**
 * The questions a class was asked, in lesson order, keyed and graded as defined above.
 * `finalsOf(questionId)` gives the class's final attempts at a question.
 */
export function askedQuestions(lesson: Lesson, asked: ReadonlySet<string>, finalsOf: (questionId: string) => Iterable<{ status: string }>): AskedQuestion[] {
  const out: AskedQuestion[] = [];
  for (const a of lesson.activities) {
    for (const q of a.questions) {
      if (!asked.has(q.id)) continue;
      const keyed = isKeyed(q, finalsOf(q.id));
      out.push({ question: q, keyed, graded: keyed && q.points > 0 });
    }
  }
  return out;
}

/** One asked question, for one student. */
export interface QuestionScore {
  questionId: string;
  /** The student has a final attempt. */
  answered: boolean;
  /** The final attempt was right (true) or wrong (false); null when not answered or the question has no key. */
  correct: boolean | null;
  /** The question's worth in the lesson (0 for warm-ups and polls). */
  points: number;
  /** Counts toward the score (keyed and points > 0). */
  graded: boolean;
  /** Points earned: points × the final attempt's score on a graded question, else 0. */
  earned: number;
  /** Stored attempts (0 when not answered). */
  attempts: number;
}

/** A student's numbers for a class (the phone's summary is exactly this). */
export interface Score {
  /** Questions asked in the class. */
  asked: number;
  /** Asked questions the student answered. */
  answered: number;
  /** Graded questions whose final attempt is right. */
  correct: number;
  /** Graded questions asked (the same for every student of the class). */
  graded: number;
  /** Points earned over the graded questions. */
  score: number;
  /** Points available over the graded questions. */
  maxScore: number;
  /** Every asked question, in lesson order. */
  questions: QuestionScore[];
}

/**
 * Score one student. `attemptsOf(questionId)` gives the student's stored attempts at a
 * question (any order); the final one counts.
 */
export function scoreStudent(asked: readonly AskedQuestion[], attemptsOf: (questionId: string) => readonly ScoredAttempt[] | undefined): Score {
  const questions: QuestionScore[] = [];
  let answered = 0;
  let correct = 0;
  let graded = 0;
  let score = 0;
  let maxScore = 0;
  for (const { question: q, keyed, graded: counts } of asked) {
    const attempts = attemptsOf(q.id) ?? [];
    const last = finalAttempt(attempts);
    const isRight = last && keyed ? last.correct === true : null;
    const earned = counts && last ? q.points * clamp01(last.score ?? 0) : 0;
    if (last) answered++;
    if (counts) {
      graded++;
      maxScore += q.points;
      score += earned;
      if (isRight) correct++;
    }
    questions.push({ questionId: q.id, answered: !!last, correct: isRight, points: q.points, graded: counts, earned, attempts: attempts.length });
  }
  return { asked: asked.length, answered, correct, graded, score, maxScore, questions };
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** correct ÷ graded (null when nothing graded was asked): the rate the report and exports show. */
export function correctRate(s: Pick<Score, "correct" | "graded">): number | null {
  return s.graded > 0 ? s.correct / s.graded : null;
}
