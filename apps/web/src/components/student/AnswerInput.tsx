"use client";
import type { StudentQuestionView } from "@livelab/core/protocol";
import { Tex } from "../../lib/tex";
import { toggleSign } from "./sign";

export type Answer = string | string[];

/** An answer is ready to send: something typed or chosen. */
export function hasAnswer(a: Answer): boolean {
  return Array.isArray(a) ? a.length > 0 : a.trim() !== "";
}

/**
 * The input for one question's kind, on a phone: a number (with a ± key: decimal keypads have
 * none), a formula (with a preview), a written answer, or the options. Shared by the live class
 * (QuestionCard) and practice (PracticeCard), so both answer alike.
 */
export function AnswerInput({ view, id, value, onChange, disabled }: { view: StudentQuestionView; id: string; value: Answer; onChange: (a: Answer) => void; disabled: boolean }) {
  const text = typeof value === "string" ? value : "";
  const many = Array.isArray(value) ? value : [];
  return (
    <>
      {(view.kind === "numeric" || view.kind === "expression") && (
        <>
          <label htmlFor={`${id}-input`}>{view.kind === "numeric" ? "Your answer (a number)" : `Your answer (a formula in ${view.variables?.join(", ")})`}</label>
          <div className="answer-row">
            <input id={`${id}-input`} type="text" inputMode={view.kind === "numeric" ? "decimal" : "text"} autoComplete="off" autoCapitalize="off" spellCheck={false}
              value={text} onChange={(e) => onChange(e.target.value)} disabled={disabled} maxLength={200} />
            {view.kind === "numeric" && <button type="button" className="sign-key" onClick={() => onChange(toggleSign(text))} disabled={disabled} aria-label="change the sign (plus or minus)">±</button>}
          </div>
          {view.kind === "expression" && text.trim() && <p className="muted" aria-live="polite">Preview: <Tex text={`$${texPreview(text)}$`} /></p>}
        </>
      )}
      {view.kind === "text" && (
        <>
          <label htmlFor={`${id}-input`}>Your answer</label>
          <textarea id={`${id}-input`} rows={3} value={text} onChange={(e) => onChange(e.target.value)} disabled={disabled} maxLength={view.maxLength ?? 500} />
        </>
      )}
      {(view.kind === "single" || view.kind === "multiple") && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }} disabled={disabled}>
          <legend className="muted">{view.kind === "single" ? "Choose one" : "Choose all that apply"}</legend>
          {view.options?.map((o) => {
            const chosen = view.kind === "single" ? text === o.id : many.includes(o.id);
            return (
              // The choice is marked by more than colour: a thick border, bold text and the words "Your choice".
              <label key={o.id} className={`option${chosen ? " chosen" : ""}`}>
                <input type={view.kind === "single" ? "radio" : "checkbox"} name={id} value={o.id} checked={chosen}
                  onChange={(e) => onChange(view.kind === "single" ? o.id : e.target.checked ? [...many, o.id] : many.filter((x) => x !== o.id))} />
                {o.letter && <span className="letter" aria-hidden="true">{o.letter}</span>}
                <span className="option-text"><Tex text={o.text} />{chosen && <span className="chosen-tag" aria-hidden="true">✓ Your choice</span>}</span>
              </label>
            );
          })}
        </fieldset>
      )}
    </>
  );
}

/** A light-touch TeX preview of a typed formula: * → ·, lambda → λ, _x → subscript. */
function texPreview(s: string): string {
  return s.replace(/\\/g, "").replace(/\blambda\b|λ/g, "\\lambda ").replace(/\beta\b/g, "\\eta ").replace(/\*/g, " \\cdot ").replace(/_(\w+)/g, "_{$1}");
}
