import type { QuestionReport } from "@livelab/core/report";
import { Tex } from "../../lib/tex";
import { FLAG_TEXT, KIND, pct, secs } from "./format";

/** One asked question: prompt, counts, item statistics, answer distribution, named mistakes, short texts, worked solution. */
export function QuestionCard({ q }: { q: QuestionReport }) {
  const max = Math.max(1, ...q.distribution.map((d) => d.count));
  return (
    <article className="card question-card" id={`q-${q.id}`} aria-labelledby={`q-${q.id}-title`}>
      <h3 id={`q-${q.id}-title`}>
        Q{q.n}. {q.title} <span className="badge">{KIND[q.kind] ?? q.kind}</span>
        {!q.graded && q.keyed && <span className="badge" title="worth 0 points: not part of any score">not scored</span>}
        {q.item?.flags.map((f) => <span key={f} className="badge badge-warn" title={FLAG_TEXT[f]?.long}>{FLAG_TEXT[f]?.short ?? f}</span>)}
      </h3>
      <p><Tex text={q.prompt} /></p>
      {q.paramsVary && <p className="muted small">Each student had their own numbers; shown here with one student's.</p>}
      <p className="row stat-line">
        <span><strong>{q.answered}</strong> answered</span>
        {q.keyed && <span><strong>{pct(q.correctRate)}</strong> correct ({q.correct} of {q.answered})</span>}
        <span>time to answer <strong>{secs(q.time?.median)}</strong>{q.time && q.time.n > 1 && <span className="muted"> (middle half {secs(q.time.q1)}–{secs(q.time.q3)})</span>}</span>
        {q.solution && <a className="screen-only" href={`#solution-${q.id}`} onClick={() => { (document.getElementById(`solution-${q.id}`) as HTMLDetailsElement | null)?.setAttribute("open", ""); }}>Worked solution ↓</a>}
      </p>
      {q.item && <ItemLine item={q.item} />}
      {q.kind !== "text" && q.distribution.length > 0 && (
        <div className="hist" role="list" aria-label={`answers to question ${q.n}`}>
          {q.distribution.map((d) => (
            <div className="hist-row" role="listitem" key={d.key}>
              <span>{d.correct === true ? "✓ " : ""}{d.key.startsWith("option:") ? <Tex text={d.label} /> : d.label}</span>
              <span className={`hist-bar ${d.correct === true ? "good" : d.key.startsWith("mistake:") ? "bad" : ""}`} style={{ width: `${(100 * d.count) / max}%` }} />
              <span className="hist-count">{d.count}</span>
            </div>
          ))}
        </div>
      )}
      {q.mistakes.length > 0 && (
        <table className="table mistakes">
          <caption>Named mistakes: how many made each, and the feedback they got</caption>
          <thead><tr><th scope="col">Mistake</th><th scope="col" className="num">Students</th><th scope="col">Feedback shown</th></tr></thead>
          <tbody>
            {[...q.mistakes].sort((a, b) => b.count - a.count).map((m) => (
              <tr key={m.key}><td>{m.label}</td><td className="num">{m.count}</td><td><Tex text={m.feedback} /></td></tr>
            ))}
          </tbody>
        </table>
      )}
      {q.kind === "text" && (
        q.texts.length ? (
          <div className="texts" aria-label="short-text answers">
            {q.texts.map((t, i) => <blockquote key={i}><span className="pre-line">{t.text}</span><footer className="muted small">— {t.nickname}</footer></blockquote>)}
          </div>
        ) : <p className="muted">No answers.</p>
      )}
      {q.solution && (
        <details id={`solution-${q.id}`} className="solution">
          <summary>Worked solution</summary>
          <p className="pre-line"><Tex text={q.solution} /></p>
        </details>
      )}
    </article>
  );
}

/** Item statistics in one line: discrimination (with the thirds it compares) and unreadable answers. */
function ItemLine({ item }: { item: NonNullable<QuestionReport["item"]> }) {
  const d = item.discrimination;
  return (
    <p className="row stat-line small item-line" aria-label="item statistics">
      <span title="correct rate of the top third of the class (by score) minus that of the bottom third">
        discrimination <strong>{d === null ? "—" : d.toFixed(2)}</strong>
        {item.upper && item.lower && <span className="muted"> (top third {item.upper.correct}/{item.upper.answered}, bottom third {item.lower.correct}/{item.lower.answered})</span>}
        {d === null && <span className="muted"> (needs 6 students)</span>}
      </span>
      <span title="answers the server could not read (refused; they used no attempt), of everything sent">
        unreadable <strong>{pct(item.unreadableShare)}</strong>
        {item.unreadable > 0 && <span className="muted"> ({item.unreadable} of {item.submissions} sent, by {item.unreadableStudents} {item.unreadableStudents === 1 ? "student" : "students"})</span>}
      </span>
    </p>
  );
}
