"use client";
import { ExpressionAnswer, NumericAnswer } from "./AnswerFields";
import { ChoiceFields } from "./ChoiceFields";
import { asObj, asText, QUESTION_KINDS, type Obj, type Path } from "./draftModel";
import { listOps, useEditing } from "./editing";
import { CheckField, Field, Group, NumberField } from "./fields";
import { ParamsFields } from "./ParamsFields";

function kindLabel(q: Obj): string {
  if (q.prediction !== undefined) return QUESTION_KINDS.prediction;
  return QUESTION_KINDS[asText(q.kind) as keyof typeof QUESTION_KINDS] ?? asText(q.kind);
}

/** One question of an activity: prompt, per-student numbers, the answer of its kind, hint, solution, scoring. */
export function QuestionFields({ q, at, index, count }: { q: Obj; at: Path; index: number; count: number }) {
  const editing = useEditing();
  const { edit } = editing;
  const ops = listOps(editing, at.slice(0, -1));
  const kind = asText(q.kind);
  return (
    <Group title={`Question ${index + 1} · ${kindLabel(q)}`} path={at} actions={<>
      <button className="small-button" disabled={index === 0} onClick={() => ops.move(index, index - 1)} aria-label={`Move question ${index + 1} up`}>↑</button>
      <button className="small-button" disabled={index === count - 1} onClick={() => ops.move(index, index + 1)} aria-label={`Move question ${index + 1} down`}>↓</button>
      <button className="danger small-button" onClick={() => ops.remove(index)} aria-label={`Delete question ${index + 1}`}>Delete question</button>
    </>}>
      <Field label="Prompt" path={[...at, "prompt"]} value={asText(q.prompt)} multiline texPreview maxLength={4000} onChange={(v) => edit([...at, "prompt"], v)}
        help={<>Math between $…$ (e.g. $\eta$); {"{{eta}}"} inserts a student&apos;s number, {"{{= 2*eta}}"} a value computed from them.</>} />
      {kind !== "text" && <ParamsFields params={asObj(q.params)} at={[...at, "params"]} />}
      {kind === "numeric" && <NumericAnswer q={q} at={at} />}
      {kind === "expression" && <ExpressionAnswer q={q} at={at} />}
      {(kind === "single" || kind === "multiple") && <ChoiceFields q={q} at={at} />}
      {kind === "text" && (
        <div className="param-grid">
          <NumberField label="Longest answer (characters)" path={[...at, "maxLength"]} value={typeof q.maxLength === "number" ? q.maxLength : undefined} min={1} max={2000} step={1} onChange={(v) => edit([...at, "maxLength"], v)} />
          <CheckField label="Show answers on the projector (without names)" path={[...at, "showOnProjector"]} checked={q.showOnProjector !== false} onChange={(v) => edit([...at, "showOnProjector"], v)} />
        </div>
      )}
      <Field label="Hint (optional, before the reveal)" path={[...at, "hint"]} value={asText(q.hint)} texPreview maxLength={2000} onChange={(v) => edit([...at, "hint"], v || undefined)} />
      <Field label="Worked solution (after the reveal)" path={[...at, "solution"]} value={asText(q.solution)} multiline texPreview maxLength={4000} onChange={(v) => edit([...at, "solution"], v || undefined)} />
      <div className="param-grid">
        <NumberField label="Points" path={[...at, "points"]} value={typeof q.points === "number" ? q.points : undefined} min={0} max={100} help="default 1; 0 for a warm-up" onChange={(v) => edit([...at, "points"], v)} />
        <NumberField label="Attempts" path={[...at, "attempts"]} value={typeof q.attempts === "number" ? q.attempts : undefined} min={1} max={10} step={1} help="default 1" onChange={(v) => edit([...at, "attempts"], v)} />
        <NumberField label="Time limit (seconds)" path={[...at, "timeLimitSec"]} value={typeof q.timeLimitSec === "number" ? q.timeLimitSec : undefined} min={5} max={3600} step={1} help="when you open it without a timer; empty: none" onChange={(v) => edit([...at, "timeLimitSec"], v)} />
      </div>
    </Group>
  );
}
