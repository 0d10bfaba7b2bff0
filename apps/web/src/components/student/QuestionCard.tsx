"use client";
import { useState } from "react";
import type { RevealedResult, StudentQuestionState } from "@livelab/core/protocol";
import { Tex } from "../../lib/tex";

export type SaveState = { kind: "idle" } | { kind: "sending" } | { kind: "saved"; attempt: number } | { kind: "error"; message: string; retrying: boolean };

/** One question on a phone: the input for its kind, the save state, and after the reveal the feedback. */
export function QuestionCard({ q, save, onSubmit }: { q: StudentQuestionState; save: SaveState; onSubmit: (answer: string | string[]) => void }) {
  const v = q.view;
  const [text, setText] = useState(typeof q.lastAnswer === "string" ? q.lastAnswer : "");
  const [choice, setChoice] = useState<string>(typeof q.lastAnswer === "string" ? q.lastAnswer : "");
  const [many, setMany] = useState<string[]>(Array.isArray(q.lastAnswer) ? (q.lastAnswer as string[]) : []);
  const open = q.status === "open";
  const used = q.attemptsUsed >= v.attempts;
  const locked = !open || used || save.kind === "sending";
  const id = `q-${v.id}`;
  const answer = v.kind === "single" ? choice : v.kind === "multiple" ? many : text;
  const canSend = !locked && (Array.isArray(answer) ? answer.length > 0 : answer.trim() !== "");
  return (
    <article className="card" aria-labelledby={`${id}-prompt`} data-question={v.id} data-status={q.status} data-prompt={v.prompt}>
      <p id={`${id}-prompt`}><Tex text={v.prompt} /></p>
      <form onSubmit={(e) => { e.preventDefault(); if (canSend) onSubmit(answer); }}>
        {(v.kind === "numeric" || v.kind === "expression") && (
          <>
            <label htmlFor={`${id}-input`}>{v.kind === "numeric" ? "Your answer (a number)" : `Your answer (a formula in ${v.variables?.join(", ")})`}</label>
            <input id={`${id}-input`} type="text" inputMode={v.kind === "numeric" ? "decimal" : "text"} autoComplete="off" autoCapitalize="off" spellCheck={false}
              value={text} onChange={(e) => setText(e.target.value)} disabled={locked} maxLength={200} />
            {v.kind === "expression" && text.trim() && <p className="muted" aria-live="polite">Preview: <Tex text={`$${texPreview(text)}$`} /></p>}
          </>
        )}
        {v.kind === "text" && (
          <>
            <label htmlFor={`${id}-input`}>Your answer</label>
            <textarea id={`${id}-input`} rows={3} value={text} onChange={(e) => setText(e.target.value)} disabled={locked} maxLength={v.maxLength ?? 500} />
          </>
        )}
        {(v.kind === "single" || v.kind === "multiple") && (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }} disabled={locked}>
            <legend className="muted">{v.kind === "single" ? "Choose one" : "Choose all that apply"}</legend>
            {v.options?.map((o) => (
              <label key={o.id} className="option">
                <input type={v.kind === "single" ? "radio" : "checkbox"} name={id} value={o.id}
                  checked={v.kind === "single" ? choice === o.id : many.includes(o.id)}
                  onChange={(e) => v.kind === "single" ? setChoice(o.id) : setMany(e.target.checked ? [...many, o.id] : many.filter((x) => x !== o.id))} />
                <span><Tex text={o.text} /></span>
              </label>
            ))}
          </fieldset>
        )}
        {v.hint && open && !used && <details><summary>Hint</summary><Tex text={v.hint} /></details>}
        <div className="row" style={{ marginTop: 8 }}>
          {!used && open && <button type="submit" className="primary" disabled={!canSend}>Send answer</button>}
          <SaveLine save={save} q={q} />
        </div>
      </form>
      {q.result && <Feedback r={q.result} />}
    </article>
  );
}

function SaveLine({ save, q }: { save: SaveState; q: StudentQuestionState }) {
  if (save.kind === "sending") return <span className="muted" role="status">Sending…</span>;
  if (save.kind === "error") return <span className="error" role="alert">{save.message}{save.retrying ? " — will resend when back online" : ""}</span>;
  if (save.kind === "saved" || q.attemptsUsed > 0) return <span className="saved" role="status">✓ Answer saved{q.status === "open" ? " — wait for the reveal" : ""}</span>;
  if (q.status !== "open" && !q.result) return <span className="muted">Answers are closed</span>;
  return null;
}

function Feedback({ r }: { r: RevealedResult }) {
  const title = r.status === "correct" ? "Correct" : r.status === "ungraded" ? "Thanks!" : r.status === "unanswered" ? "Not answered" : r.status === "invalid" ? "We could not read that" : "Not quite";
  return (
    <div className={`feedback ${r.status}`} role="status" data-result={r.status} data-feedback-key={r.feedbackKey ?? ""}>
      <strong>{title}.</strong> <Tex text={r.feedback} />
      {r.expected && r.status !== "correct" && r.status !== "ungraded" && <p>Answer: <strong>{r.expected}</strong></p>}
      {r.solution && <details open={r.status !== "correct"}><summary>Worked solution</summary><Tex text={r.solution} /></details>}
    </div>
  );
}

/** A light-touch TeX preview of a typed formula: * → ·, lambda → λ, _x → subscript. */
function texPreview(s: string): string {
  return s.replace(/\\/g, "").replace(/\blambda\b|λ/g, "\\lambda ").replace(/\beta\b/g, "\\eta ").replace(/\*/g, " \\cdot ").replace(/_(\w+)/g, "_{$1}");
}
