"use client";
import { useState } from "react";
import type { RosterStudent } from "@livelab/core/protocol";
import { classDate } from "../../lib/format";

export interface RosterRowActions {
  /** Resolve on success; throw an Error whose message the row shows under itself. */
  rename: (s: RosterStudent, name: string) => Promise<void>;
  resetPin: (s: RosterStudent) => void;
  remove: (s: RosterStudent) => void;
  merge: (s: RosterStudent, into: string) => void;
}

/**
 * One student of the roster. Rename happens in the row (a text field with Save and Cancel, Enter
 * and Escape), and any refusal of an action on this student is shown as a sentence in a line
 * right under the row, where the teacher is looking — not far away under the heading.
 */
export function RosterRow({ s, others, error, actions }: { s: RosterStudent; others: RosterStudent[]; error: string | null; actions: RosterRowActions }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  const [saving, setSaving] = useState(false);
  const [renameError, setRenameError] = useState<string | null>(null);
  const save = async () => {
    const name = (renaming ?? "").trim();
    if (!name || name === s.name) return void setRenaming(null);
    setSaving(true);
    try {
      await actions.rename(s, name);
      setRenaming(null);
      setRenameError(null);
    } catch (e) {
      setRenameError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const shown = renameError ?? error;
  const errorId = `roster-error-${s.id}`;
  return (
    <>
      <tr className={shown ? "has-error" : undefined}>
        <th scope="row">
          {renaming === null ? s.name : (
            <form className="inline-rename" onSubmit={(e) => { e.preventDefault(); void save(); }}>
              <input
                autoFocus type="text" maxLength={40} value={renaming} aria-label={`New name for ${s.name}`} aria-invalid={renameError ? true : undefined}
                aria-describedby={renameError ? errorId : undefined}
                onChange={(e) => setRenaming(e.target.value)}
                onKeyDown={(e) => { if (e.key === "Escape") { setRenaming(null); setRenameError(null); } }}
              />
              <button type="submit" className="small-button primary" disabled={saving}>Save</button>
              <button type="button" className="small-button" onClick={() => { setRenaming(null); setRenameError(null); }}>Cancel</button>
            </form>
          )}
        </th>
        <td>{classDate(s.createdAt)}</td>
        <td className="num">{s.participations}</td>
        <td className="num">{s.attempts}</td>
        <td>{s.locked ? <span className="badge badge-warn">locked: wrong PINs</span> : "ok"}</td>
        <td className="row">
          {renaming === null && <button className="small-button" onClick={() => setRenaming(s.name)} aria-label={`Rename ${s.name}`}>Rename</button>}
          <button className="small-button" onClick={() => actions.resetPin(s)}>New PIN</button>
          {merging ? (
            <label className="inline small">into <select autoFocus defaultValue="" onChange={(e) => { if (e.target.value) { setMerging(false); actions.merge(s, e.target.value); } }} aria-label={`merge ${s.name} into`}>
              <option value="" disabled>pick…</option>
              {others.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select></label>
          ) : others.length > 0 && <button className="small-button" onClick={() => setMerging(true)}>Merge…</button>}
          <button className="small-button danger" onClick={() => actions.remove(s)} aria-label={`Remove ${s.name}`}>Remove</button>
        </td>
      </tr>
      {shown && (
        <tr className="row-error">
          <td colSpan={6}><p className="error" role="alert" id={errorId}>{shown}</p></td>
        </tr>
      )}
    </>
  );
}
