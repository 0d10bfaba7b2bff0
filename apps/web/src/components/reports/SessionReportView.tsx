"use client";
import { useEffect, useMemo, useState } from "react";
import type { QuestionReport, SessionReport, StudentReport } from "@livelab/core/report";
import { goSignIn } from "../../lib/authClient";
import { Tex } from "../../lib/tex";
import { ExperimentPlot } from "../teacher/charts";
import { classDate } from "../../lib/format";

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);
const secs = (ms: number | null) => (ms === null ? "—" : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);
const KIND: Record<string, string> = { numeric: "number", expression: "formula", single: "one choice", multiple: "several choices", text: "short text" };
const STATUS_MARK: Record<string, string> = { correct: "✓", incorrect: "✗", invalid: "?", ungraded: "•" };

/**
 * The after-class report: overview, each question (distribution, named mistakes, time,
 * short texts, worked solution), each student, the class experiments. Everything shown is
 * computed by the server from the database; this page only lays it out.
 */
export function SessionReportView({ sessionId }: { sessionId: string }) {
  const [report, setReport] = useState<SessionReport | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report`);
        if (res.status === 401) return goSignIn();
        if (res.status === 404) return setMissing(true);
        const body = await res.json();
        if (!body.ok) return setError(body.error?.message ?? "Could not load the report.");
        setReport(body.data);
      } catch {
        setError("Could not reach LiveLab. Check the connection and reload.");
      }
    })();
  }, [sessionId]);

  if (missing) {
    return (
      <main className="narrow">
        <h1>Report not found</h1>
        <p>This class does not exist, was deleted, or belongs to another teacher.</p>
        <p><a href="/teach">← My sessions</a></p>
      </main>
    );
  }
  if (error) return <main className="narrow"><p className="error" role="alert">{error}</p></main>;
  if (!report) return <main className="narrow"><p>Loading the report…</p></main>;

  const { overview: o, session: s } = report;
  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab · Report</span>
        <a href="/teach">← My sessions</a>
      </header>
      <main className="wrap report">
        <h1>{s.lessonTitle}</h1>
        <p className="muted">
          {classDate(s.createdAt)} · code <code>{s.code}</code> · <span className="badge">{s.status === "ended" ? "ended" : "still running"}</span>
          {s.endedAt !== null && <> · {Math.round((s.endedAt - s.createdAt) / 60_000)} minutes</>}
        </p>
        <p className="row">
          <a className="button-link" href={`/api/sessions/${encodeURIComponent(sessionId)}/export/responses.csv`} download>Download answers (CSV)</a>
          <a className="button-link" href={`/api/sessions/${encodeURIComponent(sessionId)}/export/students.csv`} download>Download students (CSV)</a>
        </p>

        <section aria-labelledby="overview" className="stats">
          <h2 id="overview" className="sr-only">Overview</h2>
          <Stat label="students" value={String(o.participants)} />
          <Stat label="questions asked" value={String(o.questionsAsked)} />
          <Stat label="average correct" value={pct(o.averageCorrectRate)} hint={`over the ${o.gradedQuestionsAsked} graded questions, of students who answered`} />
          <Stat label="completion" value={pct(o.completion)} hint="answers given ÷ (students × questions asked)" />
        </section>

        <nav aria-label="report sections" className="row">
          <a href="#questions">Questions</a> · <a href="#students">Students</a>{report.experiments.length > 0 && <> · <a href="#experiments">Experiments</a></>}
        </nav>

        <section aria-labelledby="questions">
          <h2 id="questions">Questions</h2>
          {report.questions.length === 0 && <p className="muted">No questions were asked in this class.</p>}
          {report.questions.map((q, i) => <QuestionCard key={q.id} q={q} n={i + 1} />)}
        </section>

        <StudentsTable report={report} />

        {report.experiments.length > 0 && (
          <section aria-labelledby="experiments">
            <h2 id="experiments">Class experiments</h2>
            {report.experiments.map((e) => (
              <div className="card" key={e.activityId}>
                <h3>{e.title}</h3>
                <p className="muted">Each dot is one student's {e.label} and the validation loss it gave; the best is circled.{e.best && <> Best: <strong>{e.best.nickname}</strong> with {e.label} = {e.best.value} (validation loss {e.best.valLoss.toFixed(3)}).</>}</p>
                <ExperimentPlot points={e.points} label={`validation loss against ${e.label} for ${e.points.length} students`} />
                <details>
                  <summary>All {e.points.length} runs</summary>
                  <table className="table">
                    <thead><tr><th scope="col">Student</th><th scope="col" className="num">{e.label}</th><th scope="col" className="num">training loss</th><th scope="col" className="num">validation loss</th></tr></thead>
                    <tbody>
                      {e.points.map((p) => (
                        <tr key={p.participantId}><td>{p.nickname}</td><td className="num">{p.value}</td><td className="num">{p.trainLoss.toFixed(4)}</td><td className="num">{p.valLoss.toFixed(4)}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </div>
            ))}
          </section>
        )}
      </main>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat card" title={hint}>
      <div className="stat-value">{value}</div>
      <div className="muted">{label}</div>
    </div>
  );
}

function QuestionCard({ q, n }: { q: QuestionReport; n: number }) {
  const max = Math.max(1, ...q.distribution.map((d) => d.count));
  return (
    <article className="card" id={`q-${q.id}`} aria-labelledby={`q-${q.id}-title`}>
      <h3 id={`q-${q.id}-title`}>
        {n}. {q.activityTitle} <span className="badge">{KIND[q.kind] ?? q.kind}</span>
      </h3>
      <p><Tex text={q.prompt} /></p>
      {q.paramsVary && <p className="muted small">Each student had their own numbers; shown here with one student's.</p>}
      <p className="row stat-line">
        <span><strong>{q.answered}</strong> answered</span>
        {q.graded && <span><strong>{pct(q.correctRate)}</strong> correct ({q.correct} of {q.answered})</span>}
        <span>median time to answer <strong>{secs(q.medianMsToAnswer)}</strong></span>
        {q.solution && <a href={`#solution-${q.id}`} onClick={() => { (document.getElementById(`solution-${q.id}`) as HTMLDetailsElement | null)?.setAttribute("open", ""); }}>Worked solution ↓</a>}
      </p>
      {q.kind !== "text" && q.distribution.length > 0 && (
        <div className="hist" role="list" aria-label={`answers to question ${n}`}>
          {q.distribution.map((d) => (
            <div className="hist-row" role="listitem" key={d.key}>
              <span>{d.correct === true ? "✓ " : ""}{d.key.startsWith("option:") ? <Tex text={d.label} /> : d.label}</span>
              <span className={`hist-bar ${d.correct === true ? "good" : d.key.startsWith("mistake:") ? "bad" : ""}`} style={{ width: `${(100 * d.count) / max}%` }} />
              <span>{d.count}</span>
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

function StudentsTable({ report }: { report: SessionReport }) {
  const [sort, setSort] = useState<"name" | "correct">("name");
  const rows = useMemo(() => {
    const list = [...report.students];
    if (sort === "name") list.sort((a, b) => a.nickname.localeCompare(b.nickname));
    else list.sort((a, b) => b.correct - a.correct || a.nickname.localeCompare(b.nickname));
    return list;
  }, [report.students, sort]);
  return (
    <section aria-labelledby="students">
      <h2 id="students">Students</h2>
      <p className="row">
        <span className="muted">Correct counts the graded questions asked; speed is not part of it.</span>
        <label className="inline">Sort by <select value={sort} onChange={(e) => setSort(e.target.value as "name" | "correct")}><option value="name">name</option><option value="correct">correct answers</option></select></label>
      </p>
      <div className="table-scroll">
        <table className="table" aria-label="students">
          <thead>
            <tr>
              <th scope="col">Student</th><th scope="col">Joined</th><th scope="col" className="num">Answered</th><th scope="col" className="num">Correct</th><th scope="col" className="num">Rate</th>
              {report.questions.map((q, i) => <th scope="col" key={q.id} className="num"><a href={`#q-${q.id}`} title={q.activityTitle}>Q{i + 1}</a></th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className={s.removed ? "removed" : ""}>
                <th scope="row">{s.nickname}{s.removed && <span className="muted"> (removed)</span>}</th>
                <td>{new Date(s.joinedAt).toLocaleTimeString(undefined, { timeStyle: "short" })}</td>
                <td className="num">{s.answered}</td>
                <td className="num">{s.correct} / {report.overview.gradedQuestionsAsked}</td>
                <td className="num">{pct(s.correctRate)}</td>
                {report.questions.map((q) => <AnswerCell key={q.id} a={s.answers[q.id]} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AnswerCell({ a }: { a: StudentReport["answers"][string] | undefined }) {
  if (!a) return <td className="num muted" title="not answered">–</td>;
  const detail = `${a.answer}${a.attempts > 1 ? ` (${a.attempts} attempts)` : ""}`;
  return <td className={`num cell-${a.status}`} title={detail}><span aria-hidden="true">{STATUS_MARK[a.status] ?? "•"}</span><span className="sr-only">{a.status}: {detail}</span></td>;
}
