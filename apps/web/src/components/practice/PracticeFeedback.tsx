"use client";
import type { PracticeAttemptResult } from "@livelab/core/protocol";
import { Tex } from "../../lib/tex";

/**
 * After an attempt: the verdict once, the named mistake and its explanation, the right answer,
 * the worked solution in the student's own numbers (open after a wrong answer), then what this
 * answer did — mastered the skill, opened the next — and the way on: a fresh question.
 */
export function PracticeFeedback({ result, onNext }: { result: PracticeAttemptResult; onNext: () => void }) {
  const f = result.feedback;
  const wrong = f.correct === false;
  return (
    <section className={`card feedback ${f.status}`} role="status" data-result={f.status} data-feedback-key={f.feedbackKey ?? ""} aria-label="your result">
      <p><strong>{f.headline}</strong> {f.mistakeLabel && <span className="mistake-label">{f.mistakeLabel}.</span>} {f.feedback && <Tex text={f.feedback} />}</p>
      {wrong && f.expected && <p>Right answer: <strong><Tex text={f.expected} /></strong></p>}
      {f.correct && result.hintUsed && (
        // Otherwise a right answer with the dots unchanged reads like a fault.
        <p className="hint-used" data-role="hint-used">Right, but it does not count toward mastery: you used the hint. The next question counts.</p>
      )}
      {f.solution && (
        <details className="tap solution-box" open={wrong}>
          <summary>Worked solution</summary>
          <Tex text={f.solution} />
        </details>
      )}
      {result.mastered && <p className="mastered-line">Mastered! Three right in a row on fresh questions.</p>}
      {result.unlocked.length > 0 && <p className="unlocked-line">Now open: <strong>{result.unlocked.join(", ")}</strong></p>}
      {result.mastered || result.unlocked.length > 0 ? (
        // A milestone: the course is where the next thing is; more of the same is the second choice.
        <div className="row actions">
          <a className="button-link primary-link wide" href="/me">Back to your course</a>
          <button className="wide" onClick={onNext}>Keep practising</button>
        </div>
      ) : (
        <div className="row actions">
          <button className="primary wide" onClick={onNext} autoFocus>{wrong ? "Try a new question" : "Next question"}</button>
        </div>
      )}
    </section>
  );
}
