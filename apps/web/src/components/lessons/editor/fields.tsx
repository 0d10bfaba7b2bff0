"use client";
import { createContext, useContext, useId, type ReactNode } from "react";
import { Tex } from "../../../lib/tex";
import { pathKey, type Path } from "./draftModel";
import { bracketsBalance, formulaTex, placeholdersAsSlots } from "./formulaPreview";

export { formulaTex };

/** The lesson check's messages by path, for every field to show its own. */
export const IssuesContext = createContext<Map<string, string[]>>(new Map());
export const ReadOnlyContext = createContext(false);

/** Messages at `path` (and below it, for a leaf field that has no fields of its own inside). */
export function useIssues(path: Path, deep = true): string[] {
  const map = useContext(IssuesContext);
  const key = pathKey(path);
  const out = [...(map.get(key) ?? [])];
  if (deep) for (const [k, v] of map) if (k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) out.push(...v);
  return out;
}

function IssueList({ id, issues }: { id: string; issues: string[] }) {
  if (issues.length === 0) return null;
  return <ul id={id} className="field-issues" role="list">{issues.map((m, i) => <li key={i}>{m}</li>)}</ul>;
}

interface FieldProps {
  label: string;
  path: Path;
  value: string;
  onChange: (v: string) => void;
  help?: ReactNode;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** Show a rendered preview below (TeX between $…$). */
  texPreview?: boolean;
  /** A formula: shown rendered as math below. */
  formulaPreview?: boolean;
  inputMode?: "decimal" | "numeric" | "text";
  className?: string;
  /** Only messages at exactly this path (a field whose parts are fields of their own). */
  exact?: boolean;
}

/** A labelled input that shows the check's messages for its path, and a live preview if asked. */
export function Field({ label, path, value, onChange, help, multiline, placeholder, maxLength, texPreview, formulaPreview, inputMode, className, exact }: FieldProps) {
  const id = useId();
  const issues = useIssues(path, !exact);
  const readOnly = useContext(ReadOnlyContext);
  const describedBy = [help ? `${id}-help` : "", issues.length ? `${id}-issues` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id, value, placeholder, maxLength, readOnly, "aria-invalid": issues.length > 0, "aria-describedby": describedBy,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`field ${issues.length ? "field-invalid" : ""} ${className ?? ""}`} data-path={pathKey(path)}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" spellCheck={!formulaPreview} inputMode={inputMode} {...common} />}
      {help && <p id={`${id}-help`} className="muted small">{help}</p>}
      {texPreview && /\$|\{\{/.test(value) && <p className="tex-preview small" aria-label={`${label}, as students see it`}><Tex text={placeholdersAsSlots(value)} /></p>}
      {/* A formula the check cannot read has its problem in words below; KaTeX would only show its source in red. */}
      {formulaPreview && value.trim() && issues.length === 0 && bracketsBalance(value) && <p className="tex-preview small" aria-label={`${label}, as math`}><Tex text={`$${formulaTex(value)}$`} /></p>}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/** A number input (empty means "not set"). */
export function NumberField({ label, path, value, onChange, help, min, max, step }: { label: string; path: Path; value: number | undefined; onChange: (v: number | undefined) => void; help?: ReactNode; min?: number; max?: number; step?: number | "any" }) {
  const id = useId();
  const issues = useIssues(path);
  const readOnly = useContext(ReadOnlyContext);
  return (
    <div className={`field field-number ${issues.length ? "field-invalid" : ""}`} data-path={pathKey(path)}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" value={value ?? ""} min={min} max={max} step={step ?? "any"} readOnly={readOnly}
        aria-invalid={issues.length > 0} aria-describedby={issues.length ? `${id}-issues` : help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />
      {help && <p id={`${id}-help`} className="muted small">{help}</p>}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

export function SelectField<T extends string>({ label, path, value, options, onChange, help }: { label: string; path: Path; value: T; options: Record<T, string> | [T, string][]; onChange: (v: T) => void; help?: ReactNode }) {
  const id = useId();
  const issues = useIssues(path);
  const readOnly = useContext(ReadOnlyContext);
  const entries = Array.isArray(options) ? options : (Object.entries(options) as [T, string][]);
  return (
    <div className={`field ${issues.length ? "field-invalid" : ""}`} data-path={pathKey(path)}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={readOnly} aria-invalid={issues.length > 0} onChange={(e) => onChange(e.target.value as T)} aria-describedby={issues.length ? `${id}-issues` : undefined}>
        {entries.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
      </select>
      {help && <p className="muted small">{help}</p>}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

export function CheckField({ label, checked, onChange, path }: { label: string; checked: boolean; onChange: (v: boolean) => void; path: Path }) {
  const readOnly = useContext(ReadOnlyContext);
  return (
    <label className="inline check-field" data-path={pathKey(path)}>
      <input type="checkbox" checked={checked} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** A group of fields with a heading; the check's messages about the group itself appear under it. */
export function Group({ title, path, children, actions }: { title: ReactNode; path: Path; children: ReactNode; actions?: ReactNode }) {
  const issues = useIssues(path, false);
  return (
    <fieldset className={`group ${issues.length ? "field-invalid" : ""}`} data-path={pathKey(path)}>
      <legend className="group-title"><span>{title}</span>{actions && <span className="row group-actions">{actions}</span>}</legend>
      {issues.length > 0 && <ul className="field-issues" role="list">{issues.map((m, i) => <li key={i}>{m}</li>)}</ul>}
      {children}
    </fieldset>
  );
}
