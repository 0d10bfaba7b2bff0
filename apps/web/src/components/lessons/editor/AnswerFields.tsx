"use client";
import { asArray, asObj, asText, keyFromLabel, pathKey, type Json, type Obj, type Path } from "./draftModel";
import { listOps, useEditing } from "./editing";
import { Field, Group, NumberField, SelectField, useIssues } from "./fields";

const TOLERANCES = { sigfigs: "significant figures", rel: "relative (fraction of the answer)", abs: "absolute (±)" } as const;

/** What the formulas may use: the question's parameters (and an expression question's variables). */
function symbolsHelp(names: string[]): string {
  return names.length ? `Use ${names.join(", ")}; + − * / ^, sqrt, exp, log, abs, min, max, pi.` : "A number or a formula: + − * / ^, sqrt, exp, log, abs, min, max, pi.";
}

/** A numeric question's answer formula and tolerance. */
export function NumericAnswer({ q, at }: { q: Obj; at: Path }) {
  const { edit } = useEditing();
  const names = Object.keys(asObj(q.params));
  const tol = asObj(q.tolerance);
  const type = (asText(tol.type) || "rel") as keyof typeof TOLERANCES;
  return (
    <>
      <Field label="Answer (formula)" path={[...at, "answer"]} value={asText(q.answer)} formulaPreview maxLength={500} onChange={(v) => edit([...at, "answer"], v)} help={symbolsHelp(names)} />
      <div className="param-grid">
        <SelectField label="Tolerance" path={[...at, "tolerance", "type"]} value={type} options={TOLERANCES}
          onChange={(v) => edit([...at, "tolerance"], { type: v, value: v === "sigfigs" ? 3 : v === "rel" ? 0.001 : 0.01 })} />
        <NumberField label={type === "sigfigs" ? "Significant figures" : type === "rel" ? "Relative tolerance (0.01 = 1%)" : "Absolute tolerance"} path={[...at, "tolerance"]}
          value={typeof tol.value === "number" ? tol.value : undefined} min={0} step={type === "sigfigs" ? 1 : "any"}
          onChange={(v) => edit([...at, "tolerance"], { type, value: v ?? 0 })} />
      </div>
      <MistakesFields q={q} at={at} names={names} />
    </>
  );
}

/** An expression question: the answer formula over the variables students use, and the mistakes. */
export function ExpressionAnswer({ q, at }: { q: Obj; at: Path }) {
  const editing = useEditing();
  const { edit } = editing;
  const variables = asArray(q.variables).map(asObj);
  const ops = listOps(editing, [...at, "variables"]);
  const names = [...variables.map((v) => asText(v.name)), ...Object.keys(asObj(q.params))];
  return (
    <>
      <Group title="Variables students write with" path={[...at, "variables"]} actions={<button className="small-button" onClick={() => ops.add({ name: `x${variables.length + 1}`, aliases: [], min: 0.5, max: 2 })}>Add a variable</button>}>
        {variables.map((v, i) => (
          <div key={i} className="param-row variable-row">
            <Field label="Name" path={[...at, "variables", i, "name"]} value={asText(v.name)} onChange={(x) => edit([...at, "variables", i, "name"], x)} />
            <Field label="Other spellings" path={[...at, "variables", i, "aliases"]} value={asArray(v.aliases).join(", ")} placeholder="w, w_j"
              onChange={(x) => edit([...at, "variables", i, "aliases"], x.split(/[\s,]+/).filter(Boolean))} />
            <NumberField label="Checked from" path={[...at, "variables", i, "min"]} value={typeof v.min === "number" ? v.min : undefined} onChange={(x) => edit([...at, "variables", i, "min"], x)} />
            <NumberField label="to" path={[...at, "variables", i, "max"]} value={typeof v.max === "number" ? v.max : undefined} onChange={(x) => edit([...at, "variables", i, "max"], x)} />
            <button className="danger small-button" disabled={variables.length <= 1} onClick={() => ops.remove(i)} aria-label={`Delete the variable ${asText(v.name)}`}>Delete</button>
          </div>
        ))}
        <p className="muted small">Answers are accepted in any equivalent form: both are compared at 16 points in these ranges.</p>
      </Group>
      <Field label="Answer (formula)" path={[...at, "answer"]} value={asText(q.answer)} formulaPreview maxLength={500} onChange={(v) => edit([...at, "answer"], v)} help={symbolsHelp(names)} />
      <MistakesFields q={q} at={at} names={names} />
    </>
  );
}

/**
 * Named mistakes: a wrong answer students commonly give (a formula), a short label people see in
 * results and reports, and the feedback the student gets. The check proves each can fire.
 */
export function MistakesFields({ q, at, names }: { q: Obj; at: Path; names: string[] }) {
  const editing = useEditing();
  const mistakes = asArray(q.mistakes).map(asObj);
  const ops = listOps(editing, [...at, "mistakes"]);
  const keys = new Set(mistakes.map((m) => asText(m.key)));
  return (
    <Group title="Named mistakes" path={[...at, "mistakes"]} actions={<button className="small-button" onClick={() => ops.add({ key: keyFromLabel(`mistake ${mistakes.length + 1}`, keys), label: "", answer: "", feedback: "" } as Json)}>Add a mistake</button>}>
      {mistakes.length === 0 && <p className="muted small">A common wrong answer with its own feedback (e.g. 1 − ηλ: “the derivative of w² is 2w”). Reports count how many students made each.</p>}
      {mistakes.map((m, i) => (
        <div key={asText(m.key) || i} className="mistake-row" data-path={pathKey([...at, "mistakes", i])}>
          <MistakeIssues at={[...at, "mistakes", i]} />
          <Field label="Label (short, shown in results)" path={[...at, "mistakes", i, "label"]} value={asText(m.label)} maxLength={80} placeholder="Dropped the 2" onChange={(v) => editing.edit([...at, "mistakes", i, "label"], v)} />
          <Field label="Their answer (formula)" path={[...at, "mistakes", i, "answer"]} value={asText(m.answer)} formulaPreview maxLength={500} onChange={(v) => editing.edit([...at, "mistakes", i, "answer"], v)} help={symbolsHelp(names)} />
          <Field label="Feedback they get" path={[...at, "mistakes", i, "feedback"]} value={asText(m.feedback)} texPreview multiline maxLength={1000} onChange={(v) => editing.edit([...at, "mistakes", i, "feedback"], v)} />
          <div className="row">
            <button className="small-button" disabled={i === 0} onClick={() => ops.move(i, i - 1)} aria-label={`Move mistake ${i + 1} up`}>↑</button>
            <button className="small-button" disabled={i === mistakes.length - 1} onClick={() => ops.move(i, i + 1)} aria-label={`Move mistake ${i + 1} down`}>↓</button>
            <button className="danger small-button" onClick={() => ops.remove(i)} aria-label={`Delete mistake ${i + 1}`}>Delete mistake</button>
          </div>
        </div>
      ))}
    </Group>
  );
}

/** The check's verdict on a mistake as a whole (it can never fire, or it is the same as another). */
function MistakeIssues({ at }: { at: Path }) {
  const issues = useIssues(at, false);
  if (issues.length === 0) return null;
  return <ul className="field-issues" role="list">{issues.map((m, i) => <li key={i}>{m}</li>)}</ul>;
}
