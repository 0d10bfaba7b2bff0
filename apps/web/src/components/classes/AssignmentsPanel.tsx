"use client";
import { useState } from "react";
import type { MasteryGridView } from "@livelab/core/protocol";
import { teacherApi } from "../../lib/teacherApi";
import { SkillPicker } from "./SkillPicker";
import { today } from "./today";

/** Practice the teacher sets: skills and a due date; completion is "mastered every skill of it". */
export function AssignmentsPanel({ classId, grid, onChanged }: { classId: string; grid: MasteryGridView; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState("");
  const [skills, setSkills] = useState<string[]>([]);
  const [due, setDue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const titleOf = (id: string) => grid.skills.find((s) => s.id === id)?.title ?? id;

  const create = async () => {
    try {
      // The end of the chosen day in the teacher's time zone.
      const dueAt = due ? new Date(`${due}T23:59:00`).toISOString() : null;
      setError(null);
      const made = await teacherApi<{ id: string; existing: boolean }>(`/api/classes/${classId}/assignments`, "POST", { title: title || `Practice: ${skills.map(titleOf).join(", ")}`.slice(0, 120), skills, dueAt });
      setNote(made.existing ? "This class already has an open assignment with these skills and this due date, so nothing new was added." : null);
      setAdding(false);
      setTitle("");
      setSkills([]);
      setDue("");
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (id: string, t: string) => {
    if (!confirm(`Remove the assignment "${t}"? Students keep what they practised.`)) return;
    try {
      await teacherApi(`/api/classes/${classId}/assignments/${id}`, "DELETE");
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="card" aria-labelledby="assign-heading">
      <div className="row spread">
        <h2 id="assign-heading">Assignments</h2>
        {!adding && <button className="small-button" onClick={() => { setAdding(true); setNote(null); }}>New assignment</button>}
      </div>
      {adding && (
        <form className="assign-form" onSubmit={(e) => { e.preventDefault(); if (skills.length) void create(); }}>
          <label htmlFor="assign-title">Title</label>
          <input id="assign-title" type="text" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Weight decay before Friday" />
          <SkillPicker skills={grid.skills} picked={skills} onChange={setSkills} />
          <label htmlFor="assign-due">Due (optional)</label>
          <input id="assign-due" type="date" min={today()} value={due} onChange={(e) => setDue(e.target.value)} />
          <div className="row" style={{ marginTop: 8 }}>
            <button type="submit" className="primary" disabled={skills.length === 0}>Assign</button>
            <button type="button" onClick={() => setAdding(false)}>Cancel</button>
          </div>
          <p className="small muted">An assignment opens its skills to every student, whatever they have mastered before.</p>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {note && <p className="small" role="status">{note}</p>}
      {grid.assignments.length === 0 && !adding ? <p className="muted small">None yet. A report&apos;s &quot;What next&quot; can assign practice on the skills a class missed.</p> : (
        <ul className="plain-list assignments" aria-label="assignments">
          {grid.assignments.map((a) => (
            <li key={a.id}>
              <div className="row spread">
                <strong>{a.title}</strong>
                <button className="small-button danger" onClick={() => void remove(a.id, a.title)} aria-label={`Remove the assignment ${a.title}`}>Remove</button>
              </div>
              <span className="small muted">{a.skills.map(titleOf).join(", ")}{a.dueAt ? ` · due ${new Date(a.dueAt).toLocaleDateString(undefined, { day: "numeric", month: "short" })}` : ""}</span>
              <div className="completion" aria-label={`${a.complete} of ${a.of} students done`}>
                <span className="completion-bar" style={{ width: `${a.of ? Math.round((100 * a.complete) / a.of) : 0}%` }} />
              </div>
              <span className="small">{a.complete} of {a.of} students have mastered all of it</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
