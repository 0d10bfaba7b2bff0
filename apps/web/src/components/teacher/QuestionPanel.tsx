"use client";
import type { OutlineQuestion, QuestionProgress, QuestionRuntime, RosterEntry } from "@livelab/core/protocol";
import type { ServerClock } from "../../lib/clock";
import { Tex } from "../../lib/tex";
import { useCountdown } from "../../lib/useCountdown";
import { ResultBars } from "../ResultBars";
import type { Send } from "./send";

const STATUS: Record<string, string> = { open: "open", closed: "closed", revealed: "revealed" };

/** "η: 0.05, 0.1 or 0.2 · λ: 0.001, 0.01 or 0.05" — the range of the students' own numbers. */
function ranges(q: OutlineQuestion): string {
  return q.params.map((p) => `${p.label}: ${p.values.length > 1 ? `${p.values.slice(0, -1).join(", ")} or ${p.values.at(-1)}` : p.values[0]}`).join(" · ");
}

/**
 * One question on the console: what the projector shows of it, the range of the students'
 * numbers, its controls, who answered (and who tried but could not be read), the labelled
 * results (the right answer marked for the teacher), and the written answers to moderate.
 */
export function QuestionPanel({ q, n, of, rt, qp, shown, roster, clock, timer, send, onOpened }: {
  q: OutlineQuestion; n: number; of: number; rt: QuestionRuntime | undefined; qp: QuestionProgress | undefined; shown: boolean;
  roster: RosterEntry[]; clock: ServerClock | null; timer: number | null; send: Send; onOpened: () => void;
}) {
  const left = useCountdown(rt?.status === "open" ? rt.deadline : null, clock);
  const present = roster.filter((p) => !p.removed);
  const answered = new Set(qp?.answeredBy ?? []);
  const unreadable = new Set(qp?.unreadableBy ?? []);
  const waiting = present.filter((p) => !answered.has(p.id) && !unreadable.has(p.id));
  const nameOf = (id: string) => roster.find((p) => p.id === id)?.nickname ?? "?";
  return (
    <article className="card question-panel" data-question={q.id} data-status={rt?.status ?? "not-asked"} aria-label={`question ${n} of ${of}`}>
      <div className="row spread">
        <span className="muted">Question {n} of {of}</span>
        <span className="row">
          <span className={`badge status-${rt?.status ?? "new"}`}>{rt ? STATUS[rt.status] : "not asked yet"}</span>
          {left !== null && <span className="badge badge-live" aria-label="time left">{left} s left</span>}
          {shown && <span className="badge">results on the projector</span>}
        </span>
      </div>
      <p className="q-text"><Tex text={q.stagePrompt} /></p>
      {q.params.length > 0 && <p className="muted small">Each student gets their own numbers — {ranges(q)}</p>}
      {q.options && !qp && (
        <ol className="console-options">{q.options.map((o) => <li key={o.id}><span className="letter">{o.letter}</span> <Tex text={o.text} /></li>)}</ol>
      )}
      <div className="row">
        {(!rt || rt.status !== "open") && (
          <button onClick={() => { send("question:open", { questionId: q.id, ...(timer ? { durationSec: timer } : {}) }); onOpened(); }}>{rt ? "Open again" : "Open"}{timer ? ` (${timer} s)` : ""}</button>
        )}
        {rt?.status === "open" && <button onClick={() => send("question:close", { questionId: q.id })}>Close</button>}
        {rt?.status === "open" && <button onClick={() => send("question:extend", { questionId: q.id, seconds: 30 })}>+30 s</button>}
        {rt && <button aria-pressed={shown} onClick={() => send("projector:show", { questionId: shown ? null : q.id })}>{shown ? "Hide results" : "Show results"}</button>}
        {rt && rt.status !== "revealed" && <button onClick={() => send("question:reveal", { questionId: q.id })}>Reveal</button>}
      </div>
      {qp && (
        <>
          <p className="answered-line"><strong data-answered={qp.answered}>{qp.answered}</strong> of {present.length} answered
            {waiting.length > 0 && qp.answered > 0 && (
              // Only an open question (its timer not run out) still waits; once closed nobody can answer.
              <span className="muted" data-role="waiting"> · {rt?.status === "open" && left !== 0 ? "waiting for" : "no answer from"} {waiting.slice(0, 10).map((p) => p.nickname).join(", ")}{waiting.length > 10 ? ` and ${waiting.length - 10} more` : ""}</span>
            )}
          </p>
          {unreadable.size > 0 && <p className="unreadable-line">Tried — unreadable: {[...unreadable].map(nameOf).join(", ")}</p>}
          {q.kind !== "text" && <ResultBars bars={qp.bars} label={`answers to question ${n}`} of={q.kind === "multiple" ? qp.answered : undefined} />}
          {qp.texts && qp.texts.length > 0 && (
            <ul className="moderation" aria-label="written answers">
              {qp.texts.map((t) => (
                <li key={t.participantId} className={t.hidden ? "is-hidden" : ""}>
                  <span className="pre-line">{t.text}</span> <span className="muted small">— {nameOf(t.participantId)}{t.hidden ? " (hidden from the projector)" : ""}</span>
                  <button className="small-button" onClick={() => send("text:moderate", { questionId: q.id, participantId: t.participantId, hidden: !t.hidden })}>{t.hidden ? "Show" : "Hide"}</button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
