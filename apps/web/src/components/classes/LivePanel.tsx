"use client";
import { useEffect, useState } from "react";
import type { ClassroomDetail } from "@livelab/core/protocol";
import { classDate } from "../../lib/format";
import { teacherApi } from "../../lib/teacherApi";
import type { LibraryItem } from "../../lib/lessonApi";

/**
 * A live class for this class: its students join it as themselves (their answers join their
 * practice history). The one running now, or start one from a lesson; past ones with reports.
 */
export function LivePanel({ detail }: { detail: ClassroomDetail }) {
  const [lessons, setLessons] = useState<LibraryItem[]>([]);
  const [lessonId, setLessonId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    teacherApi<LibraryItem[]>("/api/lessons").then((l) => {
      const startable = l.filter((x) => x.builtIn || x.latest);
      setLessons(startable);
      setLessonId((id) => id || startable[0]?.id || "");
    }, (e: Error) => setError(e.message));
  }, []);
  const start = async () => {
    setBusy(true);
    try {
      const s = await teacherApi<{ sessionId: string }>(`/api/classes/${detail.id}/sessions`, "POST", { lessonId });
      window.location.assign(`/teach/${s.sessionId}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="live-heading">
      <h2 id="live-heading">Live class</h2>
      {detail.live ? (
        <p>Running now (code <strong>{detail.live.code}</strong>). <a className="button-link" href={`/teach/${detail.live.sessionId}`}>Open the console</a></p>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); if (lessonId && !busy) void start(); }}>
          <label htmlFor="live-lesson">Lesson</label>
          <select id="live-lesson" value={lessonId} onChange={(e) => setLessonId(e.target.value)}>
            {lessons.map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
          </select>
          <button type="submit" className="primary" disabled={!lessonId || busy} style={{ marginTop: 8 }}>Start a live class for {detail.name}</button>
          <p className="small muted">Students join as themselves: no nicknames. Their answers count toward their mastery.</p>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {detail.sessions.filter((s) => s.status === "ended").length > 0 && (
        <details>
          <summary>Past live classes ({detail.sessions.filter((s) => s.status === "ended").length})</summary>
          <ul className="plain-list small">
            {detail.sessions.filter((s) => s.status === "ended").map((s) => <li key={s.id}><a href={`/teach/reports/${s.id}`}>{classDate(s.createdAt)}</a> · {s.lessonTitle}</li>)}
          </ul>
        </details>
      )}
    </section>
  );
}
