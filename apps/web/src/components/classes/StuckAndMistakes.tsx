"use client";
import type { MasteryGridView } from "@livelab/core/protocol";

/** Who is stuck (many answers, no mastery) and the named mistakes made most in practice this week. */
export function StuckAndMistakes({ grid }: { grid: MasteryGridView }) {
  const title = (id: string) => grid.skills.find((s) => s.id === id)?.title ?? id;
  return (
    <div className="two-cards">
      <section className="card" aria-labelledby="stuck-heading">
        <h2 id="stuck-heading">Who is stuck</h2>
        {grid.stuck.length === 0 ? <p className="muted">Nobody: no one has 8 or more answers on a skill without mastering it.</p> : (
          <ul className="plain-list" aria-label="students who are stuck">
            {grid.stuck.map((s) => <li key={`${s.studentId}-${s.skill}`}><strong>{s.name}</strong> · {title(s.skill)} <span className="muted small">{s.attempts} answers, not mastered</span></li>)}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="mistakes-heading">
        <h2 id="mistakes-heading">Common mistakes in practice this week</h2>
        {grid.commonMistakes.length === 0 ? <p className="muted">No named mistake in practice in the last 7 days.</p> : (
          <ol className="mistake-list" aria-label="common mistakes in practice this week">
            {grid.commonMistakes.slice(0, 5).map((m) => <li key={m.key}><strong>{m.label}</strong> <span className="muted small">— {m.count} {m.count === 1 ? "answer" : "answers"} by {m.students} {m.students === 1 ? "student" : "students"}</span></li>)}
          </ol>
        )}
      </section>
    </div>
  );
}
