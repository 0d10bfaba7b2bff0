"use client";
import type { ResultBar } from "@livelab/core/protocol";
import { Tex } from "../lib/tex";

/**
 * An answer distribution (`of`: how many answered, for percentages) as labelled bars (labels come from core: option texts with their
 * letters, named mistakes' labels — never ids). The right answer is green and ticked once it
 * may be known; named mistakes are red; other wrong answers grey; unreadable tries hatched.
 */
export function ResultBars({ bars, label, of }: { bars: ResultBar[]; label: string; of?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  // Shares of everyone counted in the bars, unless told otherwise (several options per student).
  const whole = of ?? bars.reduce((n, b) => n + b.count, 0);
  return (
    <div className="bars" role="list" aria-label={label}>
      {bars.length === 0 && <p className="muted">No answers yet.</p>}
      {bars.map((b) => (
        <div className={`bar-row${b.correct === true ? " is-correct" : ""}`} key={b.key} role="listitem">
          <span className="bar-label">
            {b.letter && <span className="letter">{b.letter}</span>}
            {b.correct === true && <span className="tick" aria-label="right answer">✓</span>}
            <Tex text={b.label} />
          </span>
          <span className="bar-track"><span className={`bar tone-${b.tone}${b.correct === true ? " correct" : b.correct === false ? " wrong" : ""}`} style={{ width: `${(100 * b.count) / max}%` }} /></span>
          <span className="bar-count">{b.count}{whole > 0 ? <small> · {Math.round((100 * b.count) / whole)}%</small> : null}</span>
        </div>
      ))}
    </div>
  );
}
