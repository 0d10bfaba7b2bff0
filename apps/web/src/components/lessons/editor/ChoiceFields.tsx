"use client";
import { PRESETS } from "@livelab/core/sim";
import { asArray, asObj, asText, pathKey, type Json, type Obj, type Path } from "./draftModel";
import { listOps, useEditing } from "./editing";
import { CheckField, Field, Group, NumberField, SelectField, useIssues } from "./fields";
import { liveNumberParams } from "./SimulationFields";

const LETTERS = "abcdefghijkl";
const METRICS = { trainLoss: "training loss", valLoss: "validation loss", l2NormSq: "‖w‖²", l1Norm: "‖w‖₁", zeroWeights: "exact zeros" } as const;

/**
 * Options of a single- or multiple-choice question: text (TeX), which are right, and feedback
 * for a wrong option (which makes it a named mistake in reports). A prediction question has no
 * fixed right option: the simulation decides (PredictionFields).
 */
export function ChoiceFields({ q, at }: { q: Obj; at: Path }) {
  const editing = useEditing();
  const { edit } = editing;
  const options = asArray(q.options).map(asObj);
  const ops = listOps(editing, [...at, "options"]);
  const multiple = asText(q.kind) === "multiple";
  const prediction = q.prediction !== undefined;
  const correct = multiple ? asArray(q.correct).map(asText) : [asText(q.correct)];
  const setCorrect = (id: string, on: boolean) => {
    if (!multiple) return edit([...at, "correct"], id);
    edit([...at, "correct"], on ? [...new Set([...correct, id])] : correct.filter((c) => c !== id));
  };
  const nextId = () => [...LETTERS].find((l) => !options.some((o) => o.id === l)) ?? `o${options.length + 1}`;
  const correctIssues = useIssues([...at, "correct"]);
  return (
    <Group title="Options" path={[...at, "options"]} actions={options.length < 12 ? <button className="small-button" onClick={() => ops.add({ id: nextId(), text: "" })}>Add an option</button> : undefined}>
      {correctIssues.length > 0 && <ul className="field-issues" role="list">{correctIssues.map((m, i) => <li key={i}>{m}</li>)}</ul>}
      {options.map((o, i) => (
        <div key={asText(o.id) || i} className="option-row">
          <span className="option-letter" aria-hidden="true">{String.fromCharCode(65 + i)}</span>
          <Field label={`Option ${String.fromCharCode(65 + i)}`} path={[...at, "options", i, "text"]} value={asText(o.text)} texPreview maxLength={1000} onChange={(v) => edit([...at, "options", i, "text"], v)} />
          {prediction ? <span /> : (
            <label className="inline correct-toggle">
              <input type={multiple ? "checkbox" : "radio"} name={`${pathKey(at)}-correct`} checked={correct.includes(asText(o.id))} onChange={(e) => setCorrect(asText(o.id), e.target.checked)} />
              right answer
            </label>
          )}
          <Field label="Feedback if chosen (optional)" path={[...at, "options", i, "feedback"]} value={asText(o.feedback)} texPreview maxLength={1000}
            onChange={(v) => edit([...at, "options", i, "feedback"], v === "" ? undefined : v)} help={correct.includes(asText(o.id)) ? undefined : "On a wrong option this names the mistake in reports."} />
          <button className="danger small-button" disabled={options.length <= 2} onClick={() => ops.remove(i)} aria-label={`Delete option ${String.fromCharCode(65 + i)}`}>Delete</button>
        </div>
      ))}
      <CheckField label="Shuffle the options for each student" path={[...at, "shuffle"]} checked={q.shuffle !== false} onChange={(v) => edit([...at, "shuffle"], v)} />
      {prediction && <PredictionFields q={q} at={at} options={options} />}
    </Group>
  );
}

/** A prediction: the class predicts the effect of a change; the option whose outcome the simulation shows is right. */
function PredictionFields({ q, at, options }: { q: Obj; at: Path; options: Obj[] }) {
  const { edit } = useEditing();
  const p = asObj(q.prediction);
  const pat = [...at, "prediction"];
  const presetId = asText(p.presetId);
  const change = asObj(p.change);
  const param = Object.keys(change)[0] ?? "";
  const outcomes = asObj(p.outcomes);
  const live = liveNumberParams(presetId);
  const labelOf = (name: string) => live.find(([n]) => n === name)?.[1] ?? name;
  return (
    <Group title="Graded by a simulation" path={pat}>
      <p className="muted small">The simulation runs to the step of the change, applies it, runs on; each option says what it expects, and the one that matches what happened is right.</p>
      <div className="param-grid">
        <SelectField label="Simulation" path={[...pat, "presetId"]} value={presetId} options={PRESETS.map((x) => [x.id, x.title] as [string, string])} onChange={(v) => edit(pat, { ...p, presetId: v, change: {} } as Json)} />
        <NumberField label="Seed" path={[...pat, "seed"]} value={typeof p.seed === "number" ? p.seed : undefined} step={1} onChange={(v) => edit([...pat, "seed"], v)} />
        <NumberField label="Change at step" path={[...pat, "changeAt"]} value={typeof p.changeAt === "number" ? p.changeAt : undefined} min={0} max={5000} step={1} onChange={(v) => edit([...pat, "changeAt"], v)} />
        <NumberField label="Then run (steps)" path={[...pat, "horizon"]} value={typeof p.horizon === "number" ? p.horizon : undefined} min={1} max={5000} step={1} onChange={(v) => edit([...pat, "horizon"], v)} />
        <SelectField label="The change" path={[...pat, "change"]} value={param} options={[["", "choose a parameter"], ...live]} onChange={(v) => edit([...pat, "change"], v ? { [v]: 0.01 } : {})} />
        {param && <NumberField label={`New ${labelOf(param)}`} path={[...pat, "change", param]} value={typeof change[param] === "number" ? (change[param] as number) : undefined} onChange={(v) => edit([...pat, "change"], { [param]: v ?? 0 })} />}
      </div>
      {options.map((o, i) => {
        const id = asText(o.id);
        const expect = asObj(outcomes[id]);
        return (
          <div key={id || i} className="outcome-row" data-path={pathKey([...pat, "outcomes", id])}>
            <span><strong>{String.fromCharCode(65 + i)}</strong> expects</span>
            {(Object.keys(METRICS) as (keyof typeof METRICS)[]).slice(0, 3).map((metric) => (
              <SelectField key={metric} label={METRICS[metric]} path={[...pat, "outcomes", id, metric]} value={asText(expect[metric])}
                options={[["", "—"], ["up", "goes up"], ["down", "goes down"], ["same", "stays"]]}
                onChange={(v) => edit([...pat, "outcomes", id], { ...expect, [metric]: v || undefined } as Json)} />
            ))}
          </div>
        );
      })}
    </Group>
  );
}
