"use client";
import { useEffect, useState } from "react";
import type { ClassComparison } from "@livelab/core/report";
import { goSignIn } from "../../lib/authClient";
import { classDate } from "../../lib/format";
import { pct } from "./format";
import "./report.css";

/**
 * The same lesson taught to several sections, side by side: each question's correct rate per
 * class and each named mistake's count per class (computed by the server from each class's
 * report). The classes come from My sessions (?ids=a,b,c).
 */
export function CompareView() {
  const [data, setData] = useState<ClassComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const ids = new URLSearchParams(window.location.search).get("ids") ?? "";
      try {
        const res = await fetch(`/api/compare?ids=${encodeURIComponent(ids)}`);
        if (res.status === 401) return goSignIn();
        const body = await res.json();
        if (!body.ok) return setError(res.status === 404 ? "One of these classes does not exist, was deleted, or belongs to another teacher." : (body.error?.message ?? "Could not compare these classes."));
        setData(body.data);
      } catch {
        setError("Could not reach LiveLab. Check the connection and reload.");
      }
    })();
  }, []);

  if (error) return <main className="narrow"><h1>Classes side by side</h1><p className="error" role="alert">{error}</p><p><a href="/teach">← My sessions</a></p></main>;
  if (!data) return <main className="narrow"><p>Loading…</p></main>;

  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab · Classes side by side</span>
        <a href="/teach">← My sessions</a>
      </header>
      <main className="wrap report">
        <h1>{data.lessonTitle}: {data.classes.length} classes side by side</h1>
        <p className="muted">Correct rates are of the students who answered, as in each class's report. A dash: the class was not asked that question.</p>
        <section aria-labelledby="per-question">
          <h2 id="per-question">Correct rate per question</h2>
          <div className="table-scroll">
            <table className="table compare-grid" aria-label="correct rate per question and class">
              <thead><ClassHeads data={data} first="Question" /></thead>
              <tbody>
                {data.questions.map((q) => (
                  <tr key={q.questionId}>
                    <th scope="row">{q.title}</th>
                    {q.classes.map((c, i) => (
                      <td key={data.classes[i].id} className="num rate" title={c ? `${c.answered} answered` : "not asked"}>
                        {c && c.correctRate !== null ? <><span className="rate-bar" style={{ width: `${Math.round(c.correctRate * 40)}px` }} aria-hidden="true" />{pct(c.correctRate)}</> : "–"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="per-mistake">
          <h2 id="per-mistake">Named mistakes per class</h2>
          {data.mistakes.length === 0 ? <p className="muted">No named mistake was made in these classes.</p> : (
            <div className="table-scroll">
              <table className="table compare-grid" aria-label="named mistakes per class">
                <thead><ClassHeads data={data} first="Mistake" /></thead>
                <tbody>
                  {data.mistakes.map((m) => (
                    <tr key={`${m.questionId} ${m.key}`}><th scope="row">{m.label}<div className="muted small">in {m.questionTitle}</div></th>{m.classes.map((n, i) => <td key={data.classes[i].id} className="num">{n}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </main>
    </>
  );
}

function ClassHeads({ data, first }: { data: ClassComparison; first: string }) {
  return (
    <tr>
      <th scope="col">{first}</th>
      {data.classes.map((c) => (
        <th scope="col" key={c.id} className="num">
          <a href={`/teach/reports/${c.id}`}>{classDate(c.createdAt)}</a>
          <div className="muted small">code {c.code} · {c.participants} students · {pct(c.averageCorrectRate)} avg</div>
        </th>
      ))}
    </tr>
  );
}
