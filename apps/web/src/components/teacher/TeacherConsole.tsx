"use client";
import { useState } from "react";
import type { ClientEventName, ClientPayload } from "@livelab/core/protocol";
import { call } from "../../lib/socket";
import { ConnectionBadge, useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { useLockstep } from "../../lib/useLockstep";
import { Tex } from "../../lib/tex";
import { SimView } from "../SimView";
import { ExperimentPlot, Histogram } from "./charts";
import { SimControls } from "./SimControls";
import { useHost } from "./useHost";

/** The teacher's laptop: pace the class, drive simulations, ask and reveal, watch answers arrive. */
export function TeacherConsole({ sessionId }: { sessionId: string }) {
  const { socket, clock, connection } = useConnection();
  const { state, progress, points, error, info } = useHost(socket, sessionId);
  const fetchKeyframe = useKeyframeFetch(socket);
  const lockstep = useLockstep(state?.timeline ?? null, clock, fetchKeyframe);
  const [message, setMessage] = useState<string | null>(null);
  const [timer, setTimer] = useState<string>("0");
  const [logScale, setLogScale] = useState(false);

  const send = async <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => {
    if (!socket) return;
    const r = await call(socket, event, payload);
    setMessage(r.ok ? null : `${r.error.code}: ${r.error.message}`);
  };
  const showOnProjector = (qid: string | null) => void send("projector:show", { questionId: qid });

  if (error) return <main className="narrow"><h1>Teacher console</h1><p className="error" role="alert">{error}</p></main>;
  if (!state) return <main className="narrow"><p>Connecting…</p></main>;
  const lesson = state.lesson;
  const activity = lesson.activities[state.activity.index];
  const joined = state.participants.filter((p) => !p.removed);
  const shown = state.projectorQuestion;
  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab · {lesson.title}</span>
        <span>Code <strong data-testid="join-code">{state.code}</strong></span>
        <span>{progress?.joined ?? joined.length} joined · {progress?.connected ?? 0} online</span>
        <ConnectionBadge state={connection} />
        <a href="/teach">My sessions</a>
      </header>
      <main className="wrap">
        <div className="row">
          <a href={`/projector/${sessionId}`} target="_blank" rel="noreferrer">Open the projector view ↗</a>
          <span className="muted">Students join at {info?.joinUrl ?? `/join/${state.code}`}</span>
          <button onClick={() => void send("session:lock", { locked: !state.joinLocked })}>{state.joinLocked ? "Unlock joining" : "Lock joining"}</button>
          <button onClick={() => void send("session:pause", { paused: !state.paused })} aria-pressed={state.paused}>{state.paused ? "Resume everyone" : "Pause everyone"}</button>
          <button className="danger" disabled={state.status === "ended"} onClick={() => { if (confirm("End the session for everyone?")) void send("session:end", {}); }}>End session</button>
          {state.status === "ended" && <><span className="badge">ended</span> <a href={`/teach/reports/${sessionId}`}>Open the report →</a></>}
        </div>
        {message && <p className="error" role="alert">{message}</p>}
        <div className="grid-console">
          <nav aria-label="activities">
            <div className="row">
              <button disabled={state.activity.index === 0} onClick={() => void send("activity:goto", { index: state.activity.index - 1 })}>← Previous</button>
              <button className="primary" disabled={state.activity.index >= lesson.activities.length - 1} onClick={() => void send("activity:goto", { index: state.activity.index + 1 })}>Next →</button>
            </div>
            <ol className="activity-list">
              {lesson.activities.map((a, i) => (
                <li key={a.id}><button aria-current={i === state.activity.index} onClick={() => void send("activity:goto", { index: i })}>{i + 1}. {a.title}</button></li>
              ))}
            </ol>
          </nav>
          <section aria-label="current activity">
            <h1>{state.activity.index + 1}. {activity.title}</h1>
            {state.activity.body && <p><Tex text={state.activity.body} /></p>}
            {activity.teacherNotes && <p className="card muted"><strong>Notes:</strong> {activity.teacherNotes}</p>}
            {state.timeline && (
              <>
                <SimControls timeline={state.timeline} step={lockstep.step} send={(op) => void send("sim:control", op)} />
                <label className="option" style={{ maxWidth: 260 }}><input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> <span>Log scale for losses</span></label>
                <SimView view={lockstep} timeline={state.timeline} logScale={logScale} />
              </>
            )}
            {state.activity.experiment && (
              <div className="card">
                <h2>Class experiment: {state.activity.experiment.label}</h2>
                <p>{points?.points.length ?? 0} results in.</p>
                <ExperimentPlot points={points?.activityId === state.activity.id ? points.points : []} label="validation loss against lambda, one point per student" />
              </div>
            )}
            {activity.questions.map((q) => {
              const rt = state.questionRuntime[q.id];
              const qp = progress?.questions.find((x) => x.questionId === q.id);
              return (
                <div className="card" key={q.id} data-question={q.id} data-status={rt?.status ?? "not-asked"}>
                  <p><Tex text={q.prompt.replace(/\{\{[^}]*\}\}/g, "…")} /></p>
                  <div className="row">
                    <span className="badge">{rt?.status ?? "not asked"}</span>
                    {(!rt || rt.status !== "open") && (
                      <>
                        <label htmlFor={`timer-${q.id}`} style={{ margin: 0 }}>Timer</label>
                        <select id={`timer-${q.id}`} value={timer} onChange={(e) => setTimer(e.target.value)} style={{ width: 110 }}>
                          <option value="0">none</option><option value="30">30 s</option><option value="60">60 s</option><option value="120">2 min</option>
                        </select>
                        <button className="primary" onClick={() => void send("question:open", { questionId: q.id, durationSec: Number(timer) || null })}>Open</button>
                      </>
                    )}
                    {rt?.status === "open" && <button onClick={() => void send("question:close", { questionId: q.id })}>Close</button>}
                    {rt && rt.status !== "revealed" && <button onClick={() => void send("question:reveal", { questionId: q.id })}>Reveal</button>}
                    {rt && <button aria-pressed={shown === q.id} onClick={() => showOnProjector(shown === q.id ? null : q.id)}>{shown === q.id ? "Hide results on projector" : "Show results on projector"}</button>}
                  </div>
                  {qp && (
                    <>
                      <p><strong data-answered={qp.answered}>{qp.answered}</strong> of {joined.length} answered
                        {qp.answered < joined.length && qp.answered > 0 && <span className="muted"> — waiting for {joined.filter((p) => !qp.answeredBy.includes(p.id)).slice(0, 12).map((p) => p.nickname).join(", ")}{joined.length - qp.answered > 12 ? " …" : ""}</span>}
                      </p>
                      <Histogram q={qp} options={q.options} mistakes={q.mistakes} />
                      {qp.texts && qp.texts.length > 0 && <div className="texts">{qp.texts.map((t, i) => <blockquote key={i}>{t}</blockquote>)}</div>}
                    </>
                  )}
                </div>
              );
            })}
            <details className="card">
              <summary>Participants ({joined.length})</summary>
              <ul className="participants">
                {state.participants.map((p) => (
                  <li key={p.id}>
                    <span>{p.nickname} {p.removed ? "(removed)" : p.connected ? "" : "(offline)"}</span>
                    {!p.removed && <button className="danger" onClick={() => { if (confirm(`Remove ${p.nickname}?`)) void send("participant:remove", { participantId: p.id }); }}>Remove</button>}
                  </li>
                ))}
              </ul>
            </details>
          </section>
        </div>
      </main>
    </>
  );
}
