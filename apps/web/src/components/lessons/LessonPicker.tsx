"use client";
import { useCallback, useEffect, useState } from "react";
import { classDate } from "../../lib/format";
import { lessonApi, type LibraryItem } from "../../lib/lessonApi";
import { ImportDialog } from "./ImportDialog";
import "./lessons.css";

/**
 * The teacher's lessons on My sessions: the built-in ones (read-only: start, or duplicate to
 * edit) and their own (start the newest published version, edit, export, delete), with
 * "New lesson" and "Import…". Starting a class is the caller's (MySessions' `start`).
 */
export function LessonPicker({ onStart, busy }: { onStart: (lessonId: string) => void; busy: boolean }) {
  const [lessons, setLessons] = useState<LibraryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setLessons(await lessonApi<LibraryItem[]>("/api/lessons"));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const open = (id: string) => window.location.assign(`/teach/lessons/${encodeURIComponent(id)}`);
  const create = async () => {
    try {
      open((await lessonApi<{ id: string }>("/api/lessons", "POST", {})).id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const duplicate = async (l: LibraryItem) => {
    try {
      open((await lessonApi<{ id: string }>(`/api/lessons/${encodeURIComponent(l.id)}/duplicate`, "POST")).id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (l: LibraryItem) => {
    if (!confirm(`Delete the lesson "${l.title}" and its published versions? Classes you ran with it keep their reports.`)) return;
    try {
      await lessonApi(`/api/lessons/${encodeURIComponent(l.id)}`, "DELETE");
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="lessons-heading">
      <div className="row spread">
        <h1 id="lessons-heading">Lessons</h1>
        <span className="row">
          <button onClick={() => void create()}>New lesson</button>
          <button onClick={() => setImporting(true)}>Import…</button>
        </span>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={open} />}
      {lessons === null ? <p className="muted">Loading…</p> : (
        <ul className="lesson-list" aria-label="your lessons">
          {lessons.map((l) => (
            <li key={l.id} className="card row spread" data-lesson={l.title}>
              <div>
                <h2>{l.title}</h2>
                <p className="muted">
                  {l.builtIn ? <>Built-in · read-only · {l.activities} activities</> : <>
                    {l.activities} activit{l.activities === 1 ? "y" : "ies"} · {l.latest ? `version ${l.latest.number} published ${classDate(l.latest.createdAt)}` : "not published yet"}
                  </>}
                </p>
              </div>
              <span className="row">
                {(l.builtIn || l.latest) && <button className="primary" disabled={busy} onClick={() => onStart(l.id)} aria-label={`Start a session of ${l.title}`}>Start a session</button>}
                {l.builtIn ? <>
                  <a href={`/teach/lessons/${encodeURIComponent(l.id)}`}>View</a>
                  <button onClick={() => void duplicate(l)}>Duplicate to edit</button>
                </> : <a className="button-link" href={`/teach/lessons/${encodeURIComponent(l.id)}`}>Edit</a>}
                {(l.builtIn || l.latest) && <a href={`/api/lessons/${encodeURIComponent(l.id)}/export`} download>Export</a>}
                {!l.builtIn && <button className="danger small-button" onClick={() => void remove(l)} aria-label={`Delete the lesson ${l.title}`}>Delete</button>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
