"use client";
import { useEffect, useState } from "react";
import type { WhatNext } from "@livelab/core/report";
import { Tex } from "../../lib/tex";
import { AssignPractice } from "./AssignPractice";
import { pct } from "./format";

/**
 * "What next", at the top of the report: who needs help (below the teacher's threshold or with
 * a misconception seen twice), the questions most of the class missed, the three most common
 * named mistakes with the feedback students got, and participation question by question.
 * Mistakes are each question's own (its label, its count); where one kind of mistake is grouped
 * across questions (a student's repeat, "also in Q9"), the text says it is a grouping. The
 * server computes all of it (core's whatNext); a changed threshold asks the server again.
 */
export function WhatNextSection({ whatNext: w, onThreshold, sessionId }: { whatNext: WhatNext; onThreshold: (helpBelow: number) => void; sessionId: string }) {
  const [percent, setPercent] = useState(Math.round(w.helpBelow * 100));
  useEffect(() => {
    const v = Math.round(w.helpBelow * 100);
    setPercent((p) => (p === v ? p : v));
  }, [w.helpBelow]);
  useEffect(() => {
    if (!(percent >= 0 && percent <= 100) || percent === Math.round(w.helpBelow * 100)) return;
    const t = setTimeout(() => onThreshold(percent / 100), 300);
    return () => clearTimeout(t);
  }, [percent, w.helpBelow, onThreshold]);

  return (
    <section aria-labelledby="what-next" className="what-next">
      <h2 id="what-next">What next</h2>
      <div className="what-next-grid">
        <div className="card">
          <h3>Students who may need help</h3>
          <p className="row help-threshold">
            <label className="inline">Correct rate below <input type="number" min={0} max={100} step={5} value={percent} onChange={(e) => setPercent(Number(e.target.value))} aria-label="help threshold in percent" /> %</label>
            <span className="print-only-inline">Correct rate below {pct(w.helpBelow)}</span>
            <span className="muted small">or the same named mistake twice</span>
          </p>
          {w.needsHelp.length === 0 ? <p className="muted">Nobody — every student is at or above {pct(w.helpBelow)} with no repeated mistake.</p> : (
            <ul className="plain-list" aria-label="students who may need help">
              {w.needsHelp.map((s) => (
                <li key={s.participantId}>
                  <strong>{s.nickname}</strong> <span className="muted">{s.correct} of {s.graded} right ({pct(s.correctRate)})</span>
                  {s.repeatedMistakes.map((m) => (
                    <div key={m.key} className="small repeated-mistake">
                      <span className="badge badge-warn repeated-badge">Same mistake in {m.questions.map((q) => `Q${q.n}`).join(" and ")}</span>{" "}
                      <span className="muted">{m.questions.map((q) => `Q${q.n}: ${q.label}`).join(" · ")}</span>
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>

        <div className="card">
          <h3>Questions most of the class missed</h3>
          {w.missedQuestions.length === 0 ? <p className="muted">None: every question with a right answer was got right by at least half of those who answered.</p> : (
            <ul className="plain-list" aria-label="questions most of the class missed">
              {w.missedQuestions.map((q) => (
                <li key={q.questionId}><a href={`#q-${q.questionId}`}>Q{q.n}. {q.title}</a> <span className="muted">{pct(q.correctRate)} right of {q.answered}</span></li>
              ))}
            </ul>
          )}
        </div>

        <div className="card">
          <h3>Most common mistakes</h3>
          {w.commonMistakes.length === 0 ? <p className="muted">No named mistake was made.</p> : (
            <ol className="mistake-list" aria-label="most common mistakes">
              {w.commonMistakes.map((m) => (
                <li key={`${m.questionId} ${m.key}`}>
                  <strong>{m.label}</strong> <span className="muted">— {m.count} {m.count === 1 ? "answer" : "answers"} in <a href={`#q-${m.questionId}`}>Q{m.n}</a></span>
                  <div className="small feedback-quote"><Tex text={m.feedback} /></div>
                  {m.alsoIn.length > 0 && (
                    <div className="small muted">Same kind of mistake also in {m.alsoIn.map((o) => `Q${o.n}: “${o.label}”, ${o.count} ${o.count === 1 ? "answer" : "answers"}`).join("; ")}</div>
                  )}
                </li>
              ))}
            </ol>
          )}
          {/* Assign practice on the skills of what the class missed and its common mistakes (the server picks them from this report). */}
          <AssignPractice sessionId={sessionId} />
        </div>

        <div className="card">
          <h3>Participation over the class</h3>
          {w.participation.length === 0 ? <p className="muted">No questions were asked.</p> : (
            <div className="participation" role="list" aria-label="participation per question">
              {w.participation.map((p) => (
                <div role="listitem" key={p.questionId} className="participation-col" title={`Q${p.n}: ${p.answered} of ${p.of} answered`}>
                  <span className="participation-bar" style={{ height: `${Math.round((p.rate ?? 0) * 100)}%` }} />
                  <span className="sr-only">Q{p.n}: {p.answered} of {p.of} answered</span>
                </div>
              ))}
            </div>
          )}
          {w.participation.length > 0 && <p className="muted small">Share of students who answered each question, Q1 to Q{w.participation.length}, from {pct(w.participation[0].rate)} to {pct(w.participation.at(-1)!.rate)}.</p>}
        </div>
      </div>
    </section>
  );
}
