"use client";
import { useMemo, useState } from "react";
import type { SessionReport, StudentReport } from "@livelab/core/report";
import { pct, STATUS_MARK, STATUS_WORD } from "./format";

/** At most this many questions per printed table: a name column and 14 marks fit A4 portrait. */
const PRINT_CHUNK = 14;

/**
 * Every student, with their score (the numbers their phone showed) and a mark per question.
 * On screen the grid scrolls inside its own box with the names held at the left; in print it
 * is split into tables of PRINT_CHUNK questions so no column is cut off the page.
 */
export function StudentsGrid({ report }: { report: SessionReport }) {
  const [sort, setSort] = useState<"name" | "correct">("name");
  const rows = useMemo(() => {
    const list = [...report.students];
    if (sort === "name") list.sort((a, b) => a.nickname.localeCompare(b.nickname));
    else list.sort((a, b) => b.correct - a.correct || a.nickname.localeCompare(b.nickname));
    return list;
  }, [report.students, sort]);
  // Balanced: 16 questions print as 8 + 8, not 14 + 2.
  const perTable = Math.ceil(report.questions.length / Math.max(1, Math.ceil(report.questions.length / PRINT_CHUNK)));
  const chunks: SessionReport["questions"][] = [];
  for (let i = 0; i < report.questions.length; i += perTable) chunks.push(report.questions.slice(i, i + perTable));
  return (
    <section aria-labelledby="students">
      <h2 id="students">Students</h2>
      <p className="row">
        <span className="muted">Correct counts the {report.overview.gradedQuestionsAsked} graded questions asked (worth points); speed is not part of it.</span>
        <label className="inline screen-only">Sort by <select value={sort} onChange={(e) => setSort(e.target.value as "name" | "correct")}><option value="name">name</option><option value="correct">correct answers</option></select></label>
      </p>
      <div className="table-scroll students-scroll screen-only" tabIndex={0} aria-label="students table, scrolls sideways">
        <table className="table students-grid" aria-label="students">
          <thead>
            <tr>
              <th scope="col" className="sticky-name">Student</th><th scope="col">Joined</th><th scope="col" className="num">Answered</th><th scope="col" className="num">Correct</th><th scope="col" className="num">Rate</th>
              {report.questions.map((q) => <th scope="col" key={q.id} className={`num${q.graded ? "" : " not-scored"}`}><a href={`#q-${q.id}`} title={`${q.title}${q.graded ? "" : " (not scored)"}`}>Q{q.n}</a></th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className={s.removed ? "removed" : ""}>
                <Name s={s} />
                <td>{new Date(s.joinedAt).toLocaleTimeString(undefined, { timeStyle: "short" })}</td>
                <td className="num">{s.answered}</td>
                <td className="num">{s.correct} / {s.graded}</td>
                <td className="num">{pct(s.correctRate)}</td>
                {report.questions.map((q) => <AnswerCell key={q.id} a={s.answers[q.id]} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="print-only">
        {chunks.map((qs) => (
          <table className="table students-print" key={qs[0].id} aria-hidden="true">
            <caption>Students — Q{qs[0].n} to Q{qs.at(-1)!.n}</caption>
            <thead><tr><th scope="col">Student</th><th scope="col" className="num">Correct</th>{qs.map((q) => <th scope="col" key={q.id} className="num">Q{q.n}</th>)}</tr></thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}><th scope="row">{s.nickname}</th><td className="num">{s.correct}/{s.graded}</td>{qs.map((q) => <AnswerCell key={q.id} a={s.answers[q.id]} />)}</tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

function Name({ s }: { s: StudentReport }) {
  return <th scope="row" className="sticky-name">{s.nickname}{s.removed && <span className="muted"> (removed)</span>}</th>;
}

function AnswerCell({ a }: { a: StudentReport["answers"][string] | undefined }) {
  if (!a) return <td className="num muted" title="not answered">–</td>;
  const detail = `${a.answer}${a.attempts > 1 ? ` (${a.attempts} attempts)` : ""}`;
  return <td className={`num cell-${a.status}`} title={detail}><span aria-hidden="true">{STATUS_MARK[a.status] ?? "•"}</span><span className="sr-only">{STATUS_WORD[a.status] ?? a.status}: {detail}</span></td>;
}
