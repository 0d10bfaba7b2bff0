"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

interface LessonInfo { id: string; title: string; summary: string; activities: number }

/** Pick a lesson and start a session; the host secret stays in this browser. */
export default function TeachPage() {
  const router = useRouter();
  const [lessons, setLessons] = useState<LessonInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    fetch("/api/lessons").then((r) => r.json()).then((b) => setLessons(b.data ?? [])).catch(() => setError("Could not load lessons."));
  }, []);
  const start = async (lessonId: string) => {
    setBusy(true);
    const res = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lessonId }) });
    const body = await res.json();
    setBusy(false);
    if (!body.ok) return setError(body.error?.message ?? "Could not start a session.");
    localStorage.setItem(`livelab:host:${body.data.sessionId}`, JSON.stringify({ hostSecret: body.data.hostSecret, code: body.data.code, joinUrl: body.data.joinUrl }));
    router.push(`/teach/${body.data.sessionId}`);
  };
  return (
    <main className="narrow">
      <h1>Start a class</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {lessons.map((l) => (
        <section key={l.id} className="card">
          <h2>{l.title}</h2>
          <p className="muted">{l.summary}</p>
          <p>{l.activities} activities</p>
          <button className="primary" disabled={busy} onClick={() => void start(l.id)}>Start a session</button>
        </section>
      ))}
    </main>
  );
}
