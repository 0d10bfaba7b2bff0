"use client";
import { useCallback, useEffect, useState } from "react";
import type { SessionReport } from "@livelab/core/report";
import { goSignIn } from "../../lib/authClient";
import { classDate } from "../../lib/format";
import { ExperimentPlot } from "../teacher/charts";
import { exportUrl, pct } from "./format";
import { QuestionCard } from "./QuestionCard";
import { StudentsGrid } from "./StudentsGrid";
import { WhatNextSection } from "./WhatNextSection";
import "./report.css";

/**
 * The after-class report: what next, overview, each question (item statistics, distribution,
 * named mistakes, time, short texts, worked solution), each student, the class experiments.
 * Everything shown is computed by the server from the database; this page only lays it out.
 * It fits a 1,366 px laptop (the student grid scrolls in its own box) and prints on A4.
 */
export function SessionReportView({ sessionId }: { sessionId: string }) {
  const [report, setReport] = useState<SessionReport | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (helpBelow?: number) => {
    try {
      const q = helpBelow === undefined ? "" : `?helpBelow=${helpBelow}`;
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report${q}`);
      if (res.status === 401) return goSignIn();
      if (res.status === 404) return setMissing(true);
      const body = await res.json();
      if (!body.ok) return setError(body.error?.message ?? "Could not load the report.");
      setReport(body.data);
    } catch {
      setError("Could not reach LiveLab. Check the connection and reload.");
    }
  }, [sessionId]);
  useEffect(() => void load(), [load]);

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
          {s.classroom && <>for <a href={`/teach/classes/${s.classroom.id}`}>{s.classroom.name}</a> · </>}
          {classDate(s.createdAt)} · code <code>{s.code}</code> · <span className="badge">{s.status === "ended" ? "ended" : "still running"}</span>
          {s.endedAt !== null && <> · {Math.round((s.endedAt - s.createdAt) / 60_000)} minutes</>}
        </p>
        <p className="row exports" aria-label="downloads">
          <a className="button-link" href={exportUrl(sessionId, "report.xlsx")} download>Download workbook (xlsx)</a>
          <a className="button-link" href={exportUrl(sessionId, "gradebook.csv")} download>Download gradebook (CSV)</a>
          <a className="button-link" href={exportUrl(sessionId, "responses.csv")} download>Download answers (CSV)</a>
          <a className="button-link" href={exportUrl(sessionId, "students.csv")} download>Download students (CSV)</a>
        </p>

        <section aria-labelledby="overview" className="stats">
          <h2 id="overview" className="sr-only">Overview</h2>
          <Stat label="students" value={String(o.participants)} />
          <Stat label="questions asked" value={String(o.questionsAsked)} hint={`${o.gradedQuestionsAsked} of them graded (worth points)`} />
          <Stat label="average correct" value={pct(o.averageCorrectRate)} hint={`over the ${o.gradedQuestionsAsked} graded questions, of students who answered`} />
          <Stat label="completion" value={pct(o.completion)} hint="answers given ÷ (students × questions asked)" />
        </section>

        <WhatNextSection whatNext={report.whatNext} onThreshold={(t) => void load(t)} sessionId={sessionId} />

        <nav aria-label="report sections" className="row">
          <a href="#questions">Questions</a> · <a href="#students">Students</a>{report.experiments.length > 0 && <> · <a href="#experiments">Experiments</a></>}
        </nav>

        <section aria-labelledby="questions">
          <h2 id="questions">Questions</h2>
          {report.questions.length === 0 && <p className="muted">No questions were asked in this class.</p>}
          {report.questions.map((q) => <QuestionCard key={q.id} q={q} />)}
        </section>

        <StudentsGrid report={report} />

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
