"use client";
import type { StageView } from "@livelab/core/protocol";
import { useMemo } from "react";
import { useCanvas } from "../canvases";
import { ExperimentPlot } from "../ExperimentPlot";
import { useAxisFont } from "./useViewport";

type Summary = NonNullable<StageView["summary"]>;

/**
 * The end of class on the projector: how many took part, how each question went (one column
 * per question, in the order asked), the three most common named mistakes, the class's
 * U-curve, and — only if the teacher turns it on — a podium by correct answers.
 */
export function StageSummary({ summary }: { summary: Summary }) {
  const font = useAxisFont();
  const graded = summary.questions.filter((q) => q.graded && q.answered > 0);
  const hardest = [...graded].sort((a, b) => a.correct / a.answered - b.correct / b.answered).slice(0, 3);
  return (
    <section className="stage-summary" aria-label="class summary">
      <div className="summary-left">
        <h1>That was the class</h1>
        <p className="summary-stat"><strong>{summary.tookPart}</strong> of {summary.joined} students answered questions</p>
        {summary.podium && summary.podium.length > 0 && (
          <div className="podium" aria-label="podium">
            <h2>Most correct answers</h2>
            <ol>{summary.podium.map((p) => <li key={p.nickname}><span className="rank">{p.rank}</span> {p.nickname} <small>{p.correct} right</small></li>)}</ol>
          </div>
        )}
        {summary.mistakes.length > 0 && (
          <div>
            <h2>Most common mistakes</h2>
            <ol className="summary-list">{summary.mistakes.map((m) => <li key={`${m.question}|${m.label}`}>{m.label} <small>({m.count} × in “{m.question}”)</small></li>)}</ol>
          </div>
        )}
        {hardest.length > 0 && (
          <div>
            <h2>Worth another look</h2>
            <ol className="summary-list">{hardest.map((q) => <li key={q.title}>{q.title} <small>({Math.round((100 * q.correct) / q.answered)}% right)</small></li>)}</ol>
          </div>
        )}
      </div>
      <div className="summary-right">
        <figure>
          <figcaption>Right answers per question, in the order asked{summary.questions.some((q) => !q.graded) && " (–: nothing to score: a poll, written answers, or no answers)"}</figcaption>
          <CorrectRates questions={summary.questions} fontPx={font} />
        </figure>
        {summary.uCurve && (
          <figure>
            <figcaption>Our U-curve: validation loss against {summary.uCurve.label}</figcaption>
            <ExperimentPlot points={summary.uCurve.points} fontPx={font} className="fill" label="each student's validation loss against their lambda, best marked" />
          </figure>
        )}
      </div>
    </section>
  );
}

/** One column per asked question: the share of right answers among those who answered (polls and written answers: a dash, no bar). */
function CorrectRates({ questions, fontPx }: { questions: Summary["questions"]; fontPx: number }) {
  const version = useMemo(() => ({ questions, fontPx }), [questions, fontPx]);
  const ref = useCanvas((ctx, w, h) => {
    const f = fontPx;
    const padL = f * 3;
    const padB = f * 1.8;
    const n = Math.max(1, questions.length);
    const bw = (w - padL - f) / n;
    ctx.font = `${f}px system-ui, sans-serif`;
    ctx.fillStyle = "#1f2937";
    ctx.textAlign = "right";
    for (const pct of [0, 50, 100]) {
      const y = h - padB - ((h - padB - f) * pct) / 100;
      ctx.fillText(`${pct}%`, padL - f * 0.3, y + f * 0.35);
      ctx.strokeStyle = "#e5e7eb";
      ctx.beginPath(); ctx.moveTo(padL, y); ctx.lineTo(w - f, y); ctx.stroke();
    }
    ctx.textAlign = "center";
    questions.forEach((q, i) => {
      const x = padL + i * bw;
      const share = q.answered > 0 ? q.correct / q.answered : 0;
      if (q.graded) {
        const bh = (h - padB - f) * share;
        ctx.fillStyle = share >= 0.5 ? "#16a34a" : "#dc2626";
        ctx.fillRect(x + bw * 0.15, h - padB - bh, bw * 0.7, bh);
      } else {
        // A poll or written question has no right answer: no bar (a full grey one read as 100%), a dash.
        ctx.fillStyle = "#64748b";
        ctx.font = `700 ${Math.round(f * 1.5)}px system-ui, sans-serif`;
        ctx.fillText("–", x + bw / 2, h - padB - f * 0.5);
        ctx.font = `${f}px system-ui, sans-serif`;
      }
      ctx.fillStyle = "#1f2937";
      if (bw > f * 0.9 || i % 2 === 0) ctx.fillText(String(i + 1), x + bw / 2, h - f * 0.4);
    });
  }, version);
  const label = questions.map((q, i) => `${i + 1}. ${q.title}: ${q.graded ? `${q.correct} of ${q.answered} right` : `${q.answered} answered (not graded)`}`).join("; ");
  return <canvas ref={ref} className="plot fill" role="img" aria-label={label} />;
}
