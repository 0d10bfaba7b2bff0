"use client";
import { useEffect, useState } from "react";
import type { GridCell } from "@livelab/core/practice";
import type { EvidenceItem } from "@livelab/core/protocol";
import { teacherApi } from "../../lib/teacherApi";
import { LEVEL_TEXT } from "../practice/levels";
import { count } from "../../lib/plural";

/** "1 Dec, 16:34": a day and a time, short enough for one line. */
function shortDate(at: number): string {
  return new Date(at).toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** The answers behind one cell of the grid, newest first: when, where (practice or a live class), right or not, the named mistake, the hint. */
export function EvidencePanel({ classId, studentId, name, skill, title, cell, onClose }: {
  classId: string; studentId: string; name: string; skill: string; title: string; cell: GridCell; onClose: () => void;
}) {
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    teacherApi<EvidenceItem[]>(`/api/classes/${classId}/students/${studentId}/evidence?skill=${encodeURIComponent(skill)}`).then(setItems, (e: Error) => setError(e.message));
  }, [classId, studentId, skill]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === "Escape") onClose(); };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="evidence-heading" onClick={onClose}>
      <div className="overlay-box evidence-box" onClick={(e) => e.stopPropagation()}>
        <div className="row spread">
          <h2 id="evidence-heading">{name} · {title}</h2>
          <button onClick={onClose} autoFocus>Close</button>
        </div>
        <p>
          <strong>{LEVEL_TEXT[cell.level]}</strong> · {cell.correct} right of {count(cell.attempts, "answer")}{cell.hintsUsed ? ` · ${cell.hintsUsed} with the hint` : ""}
          {cell.level === "practising" && ` · ${cell.streak} in a row now`}{cell.reviewDue && " · review due"}{cell.stuck && " · stuck: many answers, not mastered yet"}
        </p>
        {cell.misconceptions.map((m) => <p key={m.key} className="warn-text">Repeated mistake: <strong>{m.label}</strong> ({m.count} times in the last answers)</p>)}
        {error && <p className="error" role="alert">{error}</p>}
        {items === null ? <p className="muted">Loading…</p> : items.length === 0 ? <p className="muted">No answers on this skill yet.</p> : (
          <table className="table" aria-label="answers on this skill">
            <thead><tr><th scope="col">When</th><th scope="col">Where</th><th scope="col">Result</th><th scope="col">Named mistake</th><th scope="col">Hint</th></tr></thead>
            <tbody>
              {items.map((e, i) => (
                <tr key={i}>
                  <td className="nowrap">{shortDate(e.at)}</td>
                  <td>{e.source === "live" ? "Live class" : "Practice"} <span className="muted small">· {e.where}</span></td>
                  <td className={e.correct ? "cell-correct" : "cell-incorrect"}>{e.correct ? "right" : "wrong"}</td>
                  <td>{e.mistake ?? ""}</td>
                  <td>{e.hintUsed ? "yes" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
