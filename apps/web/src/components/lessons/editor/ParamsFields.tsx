"use client";
import { useState } from "react";
import { asObj, asText, setIn, type Json, type Obj, type Path } from "./draftModel";
import { useEditing } from "./editing";
import { Field, Group } from "./fields";

/**
 * Per-student parameters: each student gets one value of each list (drawn from a seed fixed per
 * student and question), shown in the prompt with {{name}}. Values are typed as a list
 * ("0.05, 0.1, 0.2"); a value that is not a number stays visible until it is fixed.
 */
export function ParamsFields({ params, at }: { params: Obj; at: Path }) {
  const { edit, change } = useEditing();
  const names = Object.keys(params);
  const rename = (from: string, to: string) => {
    if (to !== from && Object.hasOwn(params, to)) return; // two parameters cannot share a name
    const next: Obj = {};
    for (const [k, v] of Object.entries(params)) next[k === from ? to : k] = v;
    edit(at, next);
  };
  const add = () => {
    let n = 1;
    while (Object.hasOwn(params, `p${n}`)) n++;
    change((d) => {
      const next = { ...params, [`p${n}`]: { values: [1, 2, 3] } };
      return setIn(d, at, next) as Obj;
    });
  };
  return (
    <Group title="Per-student numbers" path={at} actions={<button className="small-button" onClick={add}>Add a parameter</button>}>
      {names.length === 0 && <p className="muted small">None: every student gets the same question. Add a parameter to give each student their own numbers, and write {"{{name}}"} in the prompt where it goes.</p>}
      {/* Keyed by position, not name: renaming keeps the row (and the focus of the field being typed in). */}
      {names.map((name, i) => (
        <ParamRow key={i} name={name} spec={asObj(params[name])} at={[...at, name]} onRename={(to) => rename(name, to)} onRemove={() => {
          const next = { ...params };
          delete next[name];
          change((d) => setIn(d, at, next) as Obj);
        }} onValues={(values) => edit([...at, name, "values"], values)} onLabel={(label) => edit([...at, name, "label"], label || undefined)} />
      ))}
    </Group>
  );
}

function ParamRow({ name, spec, at, onRename, onRemove, onValues, onLabel }: { name: string; spec: Obj; at: Path; onRename: (to: string) => void; onRemove: () => void; onValues: (v: Json) => void; onLabel: (l: string) => void }) {
  const stored = Array.isArray(spec.values) ? spec.values.join(", ") : "";
  const [text, setText] = useState(stored);
  const [typedName, setTypedName] = useState(name);
  // Keep what the teacher types (e.g. "0.1, 0.") while it is not a list of numbers yet; after an
  // undo the stored values win.
  const parsed = parseValues(text);
  const shown = parsed && parsed.join(", ") !== stored ? stored : text;
  const validName = /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(typedName);
  const shownName = validName && typedName !== name ? name : typedName;
  return (
    <div className="param-row">
      <Field label="Name" path={[...at]} exact value={shownName} help="as in the formulas: letters, digits, _" onChange={(v) => {
        setTypedName(v);
        if (/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(v)) onRename(v);
      }} />
      <Field label="Values (each student gets one)" path={[...at, "values"]} value={shown} placeholder="0.05, 0.1, 0.2" onChange={(v) => {
        setText(v);
        const values = parseValues(v);
        if (values) onValues(values);
      }} />
      <Field label="Shown as" path={[...at, "label"]} value={asText(spec.label)} placeholder={name} maxLength={40} onChange={onLabel} />
      <button className="danger small-button" onClick={onRemove} aria-label={`Delete the parameter ${name}`}>Delete</button>
    </div>
  );
}

/** "0.05, 0.1; 0,2" → [0.05, 0.1, 0.2] (commas, semicolons or spaces between; a decimal comma is not guessed). */
function parseValues(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}
