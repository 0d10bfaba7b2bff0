"use client";
import { useCallback, useEffect, useState } from "react";
import type { ClassroomSummary } from "@livelab/core/protocol";
import { classDate } from "../../lib/format";
import { teacherApi } from "../../lib/teacherApi";
import { TeacherNav } from "./TeacherNav";
import "./classes.css";

/**
 * The teacher's classes (rosters): students join one once with its code and come back to it
 * from any device; live classes run for it and practice after it build one history per student.
 */
export function ClassList() {
  const [classes, setClasses] = useState<ClassroomSummary[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setClasses(await teacherApi<ClassroomSummary[]>("/api/classes"));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const create = async () => {
    setBusy(true);
    try {
      const c = await teacherApi<{ id: string }>("/api/classes", "POST", { name });
      window.location.assign(`/teach/classes/${c.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <>
      <TeacherNav title="Classes" current="classes" />
      <main className="wrap">
        <h1>Classes</h1>
        <p className="muted">A class is a list of students who come back: they join once with its code (a name and a PIN they choose, no email), practise after class on their phones, and join your live classes as themselves. You see what each has mastered.</p>
        {error && <p className="error" role="alert">{error}</p>}
        <form className="card row" onSubmit={(e) => { e.preventDefault(); if (name.trim() && !busy) void create(); }}>
          <label htmlFor="class-name" className="inline">New class <input id="class-name" type="text" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. 9B Physics" style={{ width: "20em" }} /></label>
          <button type="submit" className="primary" disabled={!name.trim() || busy}>Create class</button>
        </form>
        {classes === null ? <p className="muted">Loading…</p> : classes.length === 0 ? <p className="muted">No classes yet.</p> : (
          <div className="table-scroll">
            <table className="table" aria-label="your classes">
              <thead><tr><th scope="col">Class</th><th scope="col">Code</th><th scope="col" className="num">Students</th><th scope="col">Joining</th><th scope="col">Created</th><th scope="col">Live now</th></tr></thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.id}>
                    <td><a href={`/teach/classes/${c.id}`}>{c.name}</a></td>
                    <td><code>{c.code}</code></td>
                    <td className="num">{c.students}</td>
                    <td>{c.joinOpen ? "open" : "closed"}</td>
                    <td>{classDate(c.createdAt)}</td>
                    <td>{c.live ? <a href={`/teach/${c.live.sessionId}`}>Console ({c.live.code})</a> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </>
  );
}
