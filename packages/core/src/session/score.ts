import type { Lesson } from "../lesson/schema.ts";
import { askedQuestions, finalAttempt, scoreStudent, type ScoredAttempt, type Score } from "../score/definition.ts";
import type { AnswerRecord, SessionState } from "./state.ts";

/**
 * A student's own numbers at the end of the class (sent to their phone with `session:ended`
 * and in the `session:resume` ack of an ended class). It is core's `Score` — the same
 * definition the report, the CSVs and the gradebook use (see score/definition.ts):
 * `asked`, `answered`, `correct` of `graded`, `score` of `maxScore`, and per asked question
 * (lesson order) `{ questionId, answered, correct, points, graded, earned, attempts }`.
 */
export type PersonalSummary = Score;

const scored = (r: AnswerRecord): ScoredAttempt => ({ attempt: r.attempt, status: r.result.status, correct: r.result.correct, score: r.result.score });

/** The class's final attempts at a question, lazily (scoring usually needs only the first). */
function* finalsIn(s: SessionState, questionId: string): Generator<{ status: string }> {
  for (const attempts of Object.values(s.answers[questionId] ?? {})) {
    const last = finalAttempt(attempts);
    if (last) yield last.result;
  }
}

/** Score one student from the live state (their last attempt at each asked question counts). */
export function personalSummary(s: SessionState, lesson: Lesson, participantId: string): PersonalSummary {
  const asked = askedQuestions(lesson, new Set(Object.keys(s.questions)), (qid) => finalsIn(s, qid));
  return scoreStudent(asked, (qid) => {
    const attempts = s.answers[qid] && Object.hasOwn(s.answers[qid], participantId) ? s.answers[qid][participantId] : undefined;
    return attempts?.map(scored);
  });
}
