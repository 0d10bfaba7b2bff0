"use client";
import { useEffect, useState } from "react";
import { teacherApi } from "../../lib/teacherApi";
import { today } from "../classes/today";

interface Suggestion {
  skills: { id: string; title: string }[];
  /** The class (roster) this session was run for, if any. */
  classroomId: string | null;
  classes: { id: string; name: string }[];
  lessonTitle: string;
}

/**
 * "Assign practice on these skills", in a report's What next: the skills of the questions most
 * of the class missed and of its most common named mistakes, assigned to a class (the one the
 * session was run for, or one the teacher picks) with a due date. Students see it on their home.
 */
export function AssignPractice({ sessionId }: { sessionId: string }) {
  const [s, setS] = useState<Suggestion | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [classId, setClassId] = useState("");
  const [due, setDue] = useState("");
  const [done, setDone] = useState<{ classId: string; name: string; existing: boolean } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // A refused assignment (e.g. a due date already past) says why next to the form and keeps it.
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    teacherApi<Suggestion>(`/api/sessions/${encodeURIComponent(sessionId)}/practice-suggestion`).then((x) => {
      setS(x);
      setPicked(x.skills.map((k) => k.id));
      setClassId(x.classroomId ?? x.classes[0]?.id ?? "");
    }, (e: Error) => setLoadError(e.message));
  }, [sessionId]);
  if (loadError) return <p className="error small">{loadError}</p>;
  if (!s || s.skills.length === 0) return null;
  const assign = async () => {
    try {
      const dueAt = due ? new Date(`${due}T23:59:00`).toISOString() : null;
      const titles = s.skills.filter((k) => picked.includes(k.id)).map((k) => k.title);
      setError(null);
      const made = await teacherApi<{ id: string; existing: boolean }>(`/api/classes/${classId}/assignments`, "POST", { title: `After "${s.lessonTitle}": ${titles.join(", ")}`.slice(0, 120), skills: picked, dueAt });
      setDone({ classId, name: s.classes.find((c) => c.id === classId)?.name ?? "the class", existing: made.existing });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="assign-practice no-print" aria-label="assign practice">
      <h4>Assign practice on these skills</h4>
      {done ? (
        <p className="small" role="status">
          {done.existing ? `${done.name} already has this assignment (the same skills and due date), so nothing new was added.` : `Assigned to ${done.name}.`}{" "}
          <a href={`/teach/classes/${done.classId}`}>See who masters it</a>
        </p>
      ) : (
        <>
          <p className="row small">
            {s.skills.map((k) => (
              <label key={k.id} className="inline"><input type="checkbox" checked={picked.includes(k.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, k.id] : picked.filter((x) => x !== k.id))} /> {k.title}</label>
            ))}
          </p>
          {s.classes.length === 0 ? <p className="small muted">Practice is assigned to a class: <a href="/teach/classes">create one</a>, and run the next lesson for it.</p> : (
            <p className="row small">
              {s.classroomId ? <span>to {s.classes.find((c) => c.id === s.classroomId)?.name}</span> : (
                <label className="inline">to <select value={classId} onChange={(e) => setClassId(e.target.value)}>{s.classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select></label>
              )}
              <label className="inline">due <input type="date" min={today()} value={due} onChange={(e) => setDue(e.target.value)} /></label>
              <button className="small-button primary" disabled={picked.length === 0 || !classId} onClick={() => void assign()}>Assign practice</button>
            </p>
          )}
          {error && <p className="error small" role="alert">{error}</p>}
        </>
      )}
    </div>
  );
}
