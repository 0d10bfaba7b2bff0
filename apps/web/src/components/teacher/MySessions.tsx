"use client";
import { useCallback, useEffect, useState } from "react";
import { authClient, goSignIn } from "../../lib/authClient";
import { classDate } from "../../lib/format";
import { LessonPicker } from "../lessons/LessonPicker";

interface SessionItem { id: string; code: string; lessonId: string; lessonTitle: string; className: string | null; classroomId: string | null; status: string; createdAt: string; endedAt: string | null; participants: number; responses: number }
interface Me { name: string; email: string }

async function api<T>(path: string, init?: RequestInit): Promise<T | null> {
  const res = await fetch(path, init);
  if (res.status === 401) {
    goSignIn();
    return null;
  }
  const body = await res.json();
  if (!body.ok) throw new Error(body.error?.message ?? `request failed (${res.status})`);
  return body.data as T;
}


/**
 * The teacher's home: start a live session, and every session they ran, newest first, with its
 * report. "Classes" are the rosters (the Classes page); a session names the class it was run for.
 */
export function MySessions() {
  const [me, setMe] = useState<Me | null>(null);
  const [sessions, setSessions] = useState<SessionItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Classes ticked for "side by side" (same lesson only).
  const [picked, setPicked] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    try {
      const [m, list] = await Promise.all([api<Me>("/api/me"), api<SessionItem[]>("/api/sessions")]);
      if (m) setMe(m);
      if (list) setSessions(list);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const start = async (lessonId: string) => {
    setBusy(true);
    try {
      const data = await api<{ sessionId: string; code: string; hostSecret: string; joinUrl: string }>("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lessonId }) });
      if (!data) return;
      // No host secret kept in the browser: the console and projector attach by the teacher's sign-in.
      window.location.assign(`/teach/${data.sessionId}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const remove = async (s: SessionItem) => {
    if (!confirm(`Delete the session ${s.code} of ${classDate(s.createdAt)} with its ${s.participants} students' answers? This cannot be undone.`)) return;
    try {
      await api(`/api/sessions/${s.id}`, { method: "DELETE" });
      localStorage.removeItem(`livelab:host:${s.id}`);
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const pickedSessions = (sessions ?? []).filter((s) => picked.includes(s.id));
  const oneLesson = new Set(pickedSessions.map((s) => s.lessonId)).size <= 1;
  const togglePick = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  const signOut = async () => {
    await authClient.signOut();
    window.location.assign("/signin");
  };

  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab · My sessions</span>
        <span className="row">
          <a href="/teach/classes">Classes</a>
          {me && <span className="muted">{me.name} ({me.email})</span>}
          <button onClick={() => void signOut()}>Sign out</button>
        </span>
      </header>
      <main className="wrap">
        {error && <p className="error" role="alert">{error}</p>}
        <LessonPicker busy={busy} onStart={(id) => void start(id)} />
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">Your live sessions</h2>
          {sessions === null ? (
            <p className="muted">Loading…</p>
          ) : sessions.length === 0 ? (
            <p className="muted">No sessions yet. Start one above; its report appears here afterwards.</p>
          ) : (
            <>
            <p className="row compare-bar">
              <span className="muted">Tick two or more sessions of the same lesson to see them side by side.</span>
              {pickedSessions.length >= 2 && oneLesson && pickedSessions.length <= 8 && (
                <a className="button-link" href={`/teach/reports/compare?ids=${pickedSessions.map((s) => s.id).join(",")}`}>Compare {pickedSessions.length} sessions side by side →</a>
              )}
              {!oneLesson && <span className="error">Pick sessions of one lesson.</span>}
              {pickedSessions.length > 8 && <span className="error">At most 8 sessions at once.</span>}
            </p>
            <div className="table-scroll">
              <table className="table" aria-label="your live sessions">
                <thead>
                  <tr><th scope="col"><span className="sr-only">Compare</span></th><th scope="col">Date</th><th scope="col">Lesson</th><th scope="col">Class</th><th scope="col">Code</th><th scope="col" className="num">Students</th><th scope="col" className="num">Answers</th><th scope="col">Status</th><th scope="col">Actions</th></tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id}>
                      <td><input type="checkbox" checked={picked.includes(s.id)} onChange={() => togglePick(s.id)} aria-label={`Compare the session ${s.code} of ${classDate(s.createdAt)}`} /></td>
                      <td>{classDate(s.createdAt)}</td>
                      <td>{s.lessonTitle}</td>
                      <td>{s.classroomId ? <a href={`/teach/classes/${s.classroomId}`}>{s.className}</a> : <span className="muted">—</span>}</td>
                      <td><code>{s.code}</code></td>
                      <td className="num">{s.participants}</td>
                      <td className="num">{s.responses}</td>
                      <td><span className={`badge ${s.status === "ended" ? "" : "badge-live"}`}>{s.status === "ended" ? "ended" : s.status === "live" ? "running" : "waiting"}</span></td>
                      <td className="row">
                        <a href={`/teach/reports/${s.id}`}>Report</a>
                        {s.status !== "ended" && <a href={`/teach/${s.id}`}>Console</a>}
                        {s.status !== "ended" && <a href={`/projector/${s.id}`}>Projector</a>}
                        <button className="danger small-button" onClick={() => void remove(s)} aria-label={`Delete the session ${s.code}`}>Delete</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            </>
          )}
        </section>
      </main>
    </>
  );
}
