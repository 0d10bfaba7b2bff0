"use client";
import { useContext, useRef, useState } from "react";
import { texToText } from "@livelab/core/text/plain";
import { ACTIVITY_KINDS, asArray, asObj, asText, type ActivityKind, type Obj } from "./draftModel";
import { ReadOnlyContext } from "./fields";

/**
 * The lesson's activities in class order: select one to edit it; reorder by dragging or from the
 * keyboard (Alt+↑ / Alt+↓ on the selected activity, or its Move buttons); add one of any kind.
 * Each entry says what the activity is — its kind (and how many questions), then its title, or
 * the start of its first prompt when it has no title yet, as readable text (no TeX) on up to two
 * lines — and how many problems the check found in it. Moves are announced to screen readers.
 */
export function ActivityList({ activities, selected, problems, onSelect, onMove, onAdd }: {
  activities: Obj[];
  selected: number;
  problems: number[];
  onSelect: (i: number) => void;
  onMove: (from: number, to: number) => void;
  onAdd: (kind: ActivityKind) => void;
}) {
  const readOnly = useContext(ReadOnlyContext);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");
  const [kind, setKind] = useState<ActivityKind>("question");
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (from: number, to: number) => {
    if (readOnly || to < 0 || to >= activities.length || from === to) return;
    onMove(from, to);
    setAnnounce(`Moved “${titleOf(activities[from], from)}” to position ${to + 1} of ${activities.length}`);
    // Keep the keyboard on the moved activity.
    requestAnimationFrame(() => buttons.current[to]?.focus());
  };

  return (
    <nav className="activity-editor-list" aria-label="activities">
      <h2 className="small-heading">Activities</h2>
      <ol>
        {activities.map((a, i) => (
          <li key={asText(a.id) || i}
            className={`${i === selected ? "current" : ""} ${dropAt === i && dragFrom !== null && dragFrom !== i ? "drop-target" : ""}`}
            draggable={!readOnly}
            onDragStart={(e) => { setDragFrom(i); e.dataTransfer.effectAllowed = "move"; e.dataTransfer.setData("text/plain", String(i)); }}
            onDragOver={(e) => { if (dragFrom !== null) { e.preventDefault(); setDropAt(i); } }}
            onDragLeave={() => setDropAt((d) => (d === i ? null : d))}
            onDrop={(e) => { e.preventDefault(); if (dragFrom !== null) move(dragFrom, i); setDragFrom(null); setDropAt(null); }}
            onDragEnd={() => { setDragFrom(null); setDropAt(null); }}
            data-activity-index={i}>
            {!readOnly && <span className="drag-handle" aria-hidden="true" title="Drag to reorder">⠿</span>}
            <button ref={(el) => { buttons.current[i] = el; }} className="activity-pick" aria-current={i === selected ? "true" : undefined}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              onClick={() => onSelect(i)}
              onKeyDown={(e) => {
                if (!e.altKey) return;
                if (e.key === "ArrowUp") { e.preventDefault(); move(i, i - 1); }
                if (e.key === "ArrowDown") { e.preventDefault(); move(i, i + 1); }
              }}>
              <span className="activity-number">{i + 1}</span>
              <span className="activity-entry-kind muted small">{kindLine(a)}</span>
              <span className={`activity-entry-title ${asText(a.title).trim() ? "" : "untitled"}`}>{titleOf(a, i)}</span>
              {problems[i] > 0 && <span className="badge badge-problem" aria-label={`${problems[i]} problem${problems[i] === 1 ? "" : "s"}`}>{problems[i]}</span>}
            </button>
            {!readOnly && (
              <span className="move-buttons">
                <button className="icon-button" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move “${titleOf(a, i)}” up`}>↑</button>
                <button className="icon-button" disabled={i === activities.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move “${titleOf(a, i)}” down`}>↓</button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {activities.length === 0 && <p className="muted small">No activities yet: add the first one.</p>}
      {!readOnly && (
        <div className="add-activity">
          <label htmlFor="add-activity-kind">New activity</label>
          <div className="row">
            <select id="add-activity-kind" value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)}>
              {Object.entries(ACTIVITY_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
            <button onClick={() => onAdd(kind)}>Add activity</button>
          </div>
        </div>
      )}
      <p className="sr-only" role="status" aria-live="polite">{announce}</p>
    </nav>
  );
}

/** "Questions · 3 questions", "Simulation": what kind of activity it is. */
function kindLine(a: Obj): string {
  const kind = ACTIVITY_KINDS[asText(a.kind) as ActivityKind] ?? asText(a.kind);
  const n = asArray(a.questions).length;
  return n > 1 ? `${kind} · ${n} questions` : kind;
}

/** The activity's title; without one, the start of its first prompt as plain text; else "Untitled activity 3". */
export function titleOf(a: Obj, i: number): string {
  const title = asText(a.title).trim();
  if (title) return title;
  const prompt = texToText(asText(asObj(asArray(a.questions)[0]).prompt)).replace(/\{\{[^}]*\}\}/g, "…").replace(/\s+/g, " ").trim();
  if (prompt) return prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt;
  return `Untitled activity ${i + 1}`;
}
