"use client";
import type { StageQuestion as Question } from "@livelab/core/protocol";
import type { ServerClock } from "../../lib/clock";
import { Tex } from "../../lib/tex";
import { useCountdown } from "../../lib/useCountdown";
import { ResultBars } from "../ResultBars";

/**
 * The question moment on the projector: the prompt in large type (every student's own numbers
 * as symbols), lettered options, the countdown, "answers in 17 / 24"; then the results, the
 * right answer marked at the reveal with the key line of the worked solution, or the wall of
 * written answers.
 */
export function StageQuestion({ q, clock, compact = false }: { q: Question; clock: ServerClock | null; compact?: boolean }) {
  const seconds = useCountdown(q.deadline, clock);
  const showOptions = q.options.length > 0 && !q.bars;
  return (
    <section className={`stage-question${compact ? " compact" : ""}`} aria-label="question" data-question={q.questionId} data-status={q.status}>
      <div className="q-head">
        <p className="q-prompt" data-role="question-prompt"><Tex text={q.prompt} /></p>
        <QuestionClock status={q.status} seconds={seconds} timedOut={q.timedOut} />
      </div>
      {q.symbols.length > 0 && (
        <p className="q-own" data-role="own-numbers">
          {/* The prompt shows "λ = □" where each phone has its own number: say what the box means. */}
          {q.prompt.includes("\\square") ? <>Each <span className="own-box">□</span> is your own number: </> : <>Each of you has your own numbers: </>}
          <Tex text={q.symbols.map((s) => `$${s}$`).join(", ")} /> {q.symbols.length === 1 ? "is" : "are"} on your phone.
        </p>
      )}
      {showOptions && (
        <ol className="q-options" aria-label="options">
          {q.options.map((o) => (
            <li key={o.letter} className={o.correct === true ? "is-correct" : o.correct === false ? "is-wrong" : ""}>
              <span className="letter">{o.letter}</span> <Tex text={o.text} />
            </li>
          ))}
        </ol>
      )}
      {q.bars && <ResultBars bars={q.bars} label="answers" of={q.kind === "multiple" ? q.answered : undefined} />}
      {q.wall && <Wall wall={q.wall} more={q.wallMore} />}
      {q.resultsShown && !q.bars && !q.wall && (q.kind === "numeric" || q.kind === "expression") && !q.reveal && (
        <p className="q-wait">The distribution comes with the answer.</p>
      )}
      {q.reveal && (q.reveal.answer || q.reveal.keyLine) && (
        <div className="q-reveal" role="status">
          {q.reveal.answer && <p><strong>Right answer:</strong> <Tex text={`$${q.reveal.answer}$`} />{q.symbols.length > 0 && " (with your own numbers)"}</p>}
          {q.reveal.keyLine && <p className="key-line"><Tex text={q.reveal.keyLine} /></p>}
        </div>
      )}
      <p className="q-foot">
        <span>Answers in: <strong data-role="answers-in">{q.answered} / {q.of}</strong></span>
        {q.status !== "open" && !q.reveal && <span className="muted"> · answers are closed</span>}
      </p>
    </section>
  );
}

function QuestionClock({ status, seconds, timedOut }: { status: Question["status"]; seconds: number | null; timedOut: boolean }) {
  if (status === "open" && seconds !== null && seconds > 0) {
    return (
      <div className={`q-clock${seconds <= 5 ? " ending" : ""}`} aria-label="time left">
        <span data-role="countdown" aria-live="off">{seconds}</span>
        <small>s left</small>
      </div>
    );
  }
  if (status === "open" && seconds === 0) return <div className="q-clock ended" role="status"><span data-role="countdown">0</span><small>time&apos;s up</small></div>;
  if (status === "closed" && timedOut) return <div className="q-clock ended" role="status"><small>Time&apos;s up</small></div>;
  return null;
}

function Wall({ wall, more }: { wall: NonNullable<Question["wall"]>; more: number }) {
  if (wall.length === 0) return <p className="muted">No written answers yet.</p>;
  return (
    <div className="wall" aria-label="written answers">
      {wall.map((t, i) => (
        <blockquote key={i}>
          <span>{t.text}</span>
          {t.name && <footer>{t.name}</footer>}
        </blockquote>
      ))}
      {more > 0 && <p className="muted">+ {more} more</p>}
    </div>
  );
}
