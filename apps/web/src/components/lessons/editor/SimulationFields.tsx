"use client";
import { PRESETS, getPreset, type ParamDef } from "@livelab/core/sim";
import { asArray, asObj, asText, pathKey, type Json, type Obj, type Path } from "./draftModel";
import { listOps, useEditing } from "./editing";
import { Field, Group, NumberField, SelectField } from "./fields";

const presetOptions = (onlyExperiments: boolean): [string, string][] =>
  PRESETS.filter((p) => !onlyExperiments || p.experiment).map((p) => [p.id, p.title]);

/** A preset's parameters: each shows its default; only values the teacher sets are stored. */
export function PresetParams({ presetId, params, at, liveOnly = false }: { presetId: string; params: Obj; at: Path; liveOnly?: boolean }) {
  const { edit } = useEditing();
  let defs: [string, ParamDef][];
  try {
    defs = Object.entries(getPreset(presetId).params).filter(([, d]) => !liveOnly || d.live);
  } catch {
    return null; // an unknown preset: the check says so at the preset field
  }
  return (
    <div className="param-grid">
      {defs.map(([name, def]) => def.type === "enum" ? (
        <SelectField key={name} label={def.label} path={[...at, name]} value={asText(params[name]) || ""}
          options={[["", `default (${def.default})`], ...def.values.map((v) => [v, v] as [string, string])]}
          onChange={(v) => edit([...at, name], v === "" ? undefined : v)} />
      ) : (
        <NumberField key={name} label={def.label} path={[...at, name]} value={typeof params[name] === "number" ? (params[name] as number) : undefined}
          min={def.min} max={def.max} step={def.integer ? 1 : "any"} help={`default ${def.default}; ${def.min} to ${def.max}${def.live ? "; can change during the run" : ""}`}
          onChange={(v) => edit([...at, name], v)} />
      ))}
    </div>
  );
}

/** A simulation shown to the class: preset, its parameters, seed, run length and the teacher's cues. */
export function SimulationFields({ sim, at }: { sim: Obj; at: Path }) {
  const { edit } = useEditing();
  const presetId = asText(sim.presetId);
  const cues = asArray(sim.cues).map(asObj);
  const cueOps = listOps(useEditing(), [...at, "cues"]);
  const liveParams = liveNumberParams(presetId);
  const labelOf = (name: string) => liveParams.find(([n]) => n === name)?.[1] ?? name;
  return (
    <Group title="Simulation" path={at}>
      <SelectField label="Simulation" path={[...at, "presetId"]} value={presetId} options={presetOptions(false)}
        onChange={(v) => edit(at, { ...sim, presetId: v, params: {}, cues: cues.map((c) => ({ ...c, change: undefined }) as unknown as Json) } as Json)}
        help={safeSummary(presetId)} />
      <PresetParams presetId={presetId} params={asObj(sim.params)} at={[...at, "params"]} />
      <div className="param-grid">
        <NumberField label="Seed (the same seed, the same run)" path={[...at, "seed"]} value={typeof sim.seed === "number" ? sim.seed : undefined} step={1} onChange={(v) => edit([...at, "seed"], v)} />
        <NumberField label="Steps to run" path={[...at, "steps"]} value={typeof sim.steps === "number" ? sim.steps : undefined} min={1} step={1} onChange={(v) => edit([...at, "steps"], v)} />
      </div>
      <Group title="Cues for the teacher" path={[...at, "cues"]} actions={<button className="small-button" onClick={() => cueOps.add({ atStep: 100, say: "" })}>Add a cue</button>}>
        {cues.length === 0 && <p className="muted small">Moments to point something out, e.g. “at step 600, raise λ”. Shown on your console; never applied by themselves.</p>}
        {cues.map((c, i) => {
          const change = asObj(c.change);
          const param = Object.keys(change)[0] ?? "";
          return (
            <div key={i} className="cue-row" data-path={pathKey([...at, "cues", i])}>
              <NumberField label="At step" path={[...at, "cues", i, "atStep"]} value={typeof c.atStep === "number" ? c.atStep : undefined} min={0} step={1} onChange={(v) => edit([...at, "cues", i, "atStep"], v)} />
              <Field label="Say" path={[...at, "cues", i, "say"]} value={asText(c.say)} maxLength={1000} onChange={(v) => edit([...at, "cues", i, "say"], v)} />
              <SelectField label="Change (optional)" path={[...at, "cues", i, "change"]} value={param} options={[["", "nothing"], ...liveParams]}
                onChange={(v) => edit([...at, "cues", i, "change"], v ? { [v]: typeof change[param] === "number" ? change[param] : 0 } : undefined)} />
              {param && <NumberField label={`New ${labelOf(param)}`} path={[...at, "cues", i, "change", param]} value={typeof change[param] === "number" ? (change[param] as number) : undefined} onChange={(v) => edit([...at, "cues", i, "change"], { [param]: v ?? 0 })} />}
              <button className="danger small-button" onClick={() => cueOps.remove(i)} aria-label={`Delete cue ${i + 1}`}>Delete</button>
            </div>
          );
        })}
      </Group>
    </Group>
  );
}

/** A class experiment: every student picks the experiment's parameter and the server trains their choice. */
export function ExperimentFields({ exp, at }: { exp: Obj; at: Path }) {
  const { edit } = useEditing();
  const presetId = asText(exp.presetId);
  return (
    <Group title="Class experiment" path={at}>
      <SelectField label="Experiment" path={[...at, "presetId"]} value={presetId} options={presetOptions(true)} onChange={(v) => edit(at, { ...exp, presetId: v, params: {} } as Json)} help={safeSummary(presetId)} />
      <PresetParams presetId={presetId} params={asObj(exp.params)} at={[...at, "params"]} />
      <NumberField label="Seed" path={[...at, "seed"]} value={typeof exp.seed === "number" ? exp.seed : undefined} step={1} onChange={(v) => edit([...at, "seed"], v)} />
    </Group>
  );
}

/** The parameters a cue or a prediction may change mid-run, with the labels people read. */
export function liveNumberParams(presetId: string): [string, string][] {
  try {
    return Object.entries(getPreset(presetId).params).filter(([, d]) => d.live && d.type === "number").map(([n, d]) => [n, d.label]);
  } catch {
    return []; // an unknown preset: the check names it at the preset field
  }
}

function safeSummary(presetId: string): string {
  try { return getPreset(presetId).summary; } catch { return ""; }
}
