"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientEventName, ClientPayload, TeacherState } from "@livelab/core/protocol";
import { goSignIn } from "../../lib/authClient";
import { call } from "../../lib/socket";
import { Tex } from "../../lib/tex";
import { ConnectionBadge, useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { useLockstep } from "../../lib/useLockstep";
import { ExperimentPlot } from "../ExperimentPlot";
import { SimView } from "../SimView";
import { PairPanel } from "./PairPanel";
import { primaryAction, type PrimaryAction } from "./primaryAction";
import { QuestionPanel } from "./QuestionPanel";
import type { Send } from "./send";
import { shortcutFor } from "./shortcuts";
import { ShortcutHelp } from "./ShortcutHelp";
import { SimControls } from "./SimControls";
import { useClickLeavesNoFocus } from "./useClickLeavesNoFocus";
import { useHost } from "./useHost";
import { useSessionClass } from "./useSessionClass";

/** Timer choices for the next question (seconds; 0: none). `T` cycles through them. */
const TIMERS = [0, 10, 20, 30, 60, 120];

/** What the projector shows now, in words, for the console's glance line. */
function projectorShows(state: TeacherState): string {
  if (state.status === "ended") return "the class summary";
  if (state.stage.blank) return "nothing (blank)";
  if (state.status === "lobby" || state.stage.joinCard) return "the join card with the QR code";
  const shown = state.projectorQuestion;
  if (shown) return "the results of a question";
  const open = state.lesson.activities[state.activity.index].questions.some((q) => state.questionRuntime[q.id]);
  return open ? "the question" : state.timeline ? "the simulation" : "the activity";
}

/**
 * The teacher's laptop, a presenter's remote: one main button that moves the class on,
 * shortcuts for everything (the `?` overlay lists them), what is next, the teacher notes, the
 * question with its simulation, who answered and who is stuck, and the projector's switches.
 */
export function TeacherConsole({ sessionId }: { sessionId: string }) {
  const { socket, clock, connection } = useConnection();
  const { state, progress, points, error, joinUrl } = useHost(socket, sessionId);
  const fetchKeyframe = useKeyframeFetch(socket);
  const lockstep = useLockstep(state?.timeline ?? null, clock, fetchKeyframe);
  const [message, setMessage] = useState<string | null>(null);
  const [timer, setTimer] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const [logScale, setLogScale] = useState(false);
  const classroom = useSessionClass(sessionId);

  const sendNow = useCallback(async <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => {
    if (!socket) return null;
    const r = await call(socket, event, payload);
    setMessage(r.ok ? null : r.error.message);
    return r.ok ? r.data : null;
  }, [socket]);
  const send: Send = useCallback((event, payload) => void sendNow(event, payload), [sendNow]);

  // One main action at a time: a second Enter while "close and show results" is on its way is ignored,
  // not sent as a second "show results" (the state that decides the next action arrives with the acks).
  const busy = useRef(false);
  const [working, setWorking] = useState(false);
  const run = useCallback(async (a: PrimaryAction) => {
    if (busy.current) return;
    busy.current = true;
    setWorking(true);
    try {
      await runNow(a);
    } finally {
      busy.current = false;
      setWorking(false);
    }
  }, [sendNow, timer]);
  const runNow = async (a: PrimaryAction) => {
    switch (a.kind) {
      case "open":
        // No timer chosen: the question's own time limit from the lesson applies, if it has one.
        await sendNow("question:open", { questionId: a.questionId, ...(timer ? { durationSec: timer } : {}) });
        return setTimer(null); // a timer is for the next question only
      case "closeAndShow":
        if (await sendNow("question:close", { questionId: a.questionId })) await sendNow("projector:show", { questionId: a.questionId });
        return;
      case "show": return void (await sendNow("projector:show", { questionId: a.questionId }));
      case "reveal": return void (await sendNow("question:reveal", { questionId: a.questionId }));
      case "next": case "start": return void (await sendNow("activity:goto", { index: a.index }));
      case "end": if (confirm("End the class for everyone? Students get their summary and the projector shows the class's.")) await sendNow("session:end", {});
    }
  };

  useClickLeavesNoFocus();
  // Shortcuts read the newest state through a ref: one listener for the page's lifetime.
  const live = useRef({ state, run, send, step: lockstep.step });
  live.current = { state, run, send, step: lockstep.step };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      const { state: s, run: go, send: cmd } = live.current;
      if (!action || !s) return;
      if (action === "help") return void setHelp((h) => !h);
      if (action === "escape") return void setHelp(false);
      e.preventDefault();
      const qs = s.lesson.activities[s.activity.index].questions;
      const openQ = qs.find((q) => s.questionRuntime[q.id]?.status === "open");
      const lastAsked = [...qs].reverse().find((q) => s.questionRuntime[q.id]);
      const unasked = qs.find((q) => !s.questionRuntime[q.id]);
      switch (action) {
        case "primary": return void go(primaryAction(s));
        case "next": if (s.activity.index < s.lesson.activities.length - 1) cmd("activity:goto", { index: s.activity.index + 1 }); return;
        case "previous": if (s.activity.index > 0) cmd("activity:goto", { index: s.activity.index - 1 }); return;
        // At the last step Space replays (play from the end starts over), as the Replay button does.
        case "playPause": if (s.timeline) cmd("sim:control", { op: s.timeline.playing && live.current.step < s.timeline.maxSteps ? "pause" : "play" }); return;
        case "step": if (s.timeline) cmd("sim:control", { op: "step", steps: 1 }); return;
        case "stepBack": if (s.timeline) cmd("sim:control", { op: "step", steps: -10 }); return;
        case "open": if (unasked) void go({ kind: "open", questionId: unasked.id, label: "" }); return;
        case "close": if (openQ) cmd("question:close", { questionId: openQ.id }); return;
        case "results": {
          const target = lastAsked?.id ?? null;
          if (target) cmd("projector:show", { questionId: s.projectorQuestion === target ? null : target });
          return;
        }
        case "reveal": if (lastAsked && s.questionRuntime[lastAsked.id].status !== "revealed") cmd("question:reveal", { questionId: lastAsked.id }); return;
        case "addTime": if (openQ) cmd("question:extend", { questionId: openQ.id, seconds: 30 }); return;
        case "blank": return cmd("stage:set", { blank: !s.stage.blank });
        case "joinCard": return cmd("stage:set", { joinCard: !s.stage.joinCard });
        case "names": return cmd("stage:set", { namesShown: !s.stage.namesShown });
        case "timer": return void setTimer((t) => TIMERS[(TIMERS.indexOf(t ?? 0) + 1) % TIMERS.length] || null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Keep the current activity in view in the list (a long lesson scrolls).
  useEffect(() => {
    document.querySelector('.activity-list [aria-current="true"]')?.scrollIntoView({ block: "nearest" });
  }, [state?.activity.index]);

  if (error) {
    return (
      <main className="narrow">
        <h1>Teacher console</h1>
        <p className="error" role="alert">{error}</p>
        <p><button className="primary" onClick={goSignIn}>Sign in as the teacher of this class</button> <a href="/teach">My sessions</a></p>
      </main>
    );
  }
  if (!state) return <main className="narrow"><p>Connecting…</p></main>;
  const lesson = state.lesson;
  const index = state.activity.index;
  const activity = lesson.activities[index];
  const next = lesson.activities[index + 1];
  const joined = state.participants.filter((p) => !p.removed);
  const primary = primaryAction(state);
  const hasQuestions = activity.questions.length > 0;
  const stage = state.stage;
  return (
    <div className="console">
      <header className="topbar console-top">
        <span className="brand">LiveLab · {lesson.title}</span>
        {classroom && <span>for <a href={`/teach/classes/${classroom.id}`} target="_blank" rel="noreferrer">{classroom.name}</a></span>}
        <span>Code <strong data-testid="join-code">{state.code}</strong></span>
        <span>{progress?.joined ?? joined.length} joined · {progress?.connected ?? 0} online</span>
        <ConnectionBadge state={connection} />
        <span className="row">
          <a className="button-link" href={`/projector/${sessionId}`} target="_blank" rel="noreferrer">Open the projector ↗</a>
          <button aria-pressed={stage.blank} onClick={() => send("stage:set", { blank: !stage.blank })}>{stage.blank ? "Unblank" : "Blank"} <kbd>B</kbd></button>
          <button aria-pressed={stage.joinCard} onClick={() => send("stage:set", { joinCard: !stage.joinCard })}>Join card <kbd>J</kbd></button>
          <button onClick={() => setHelp(true)} aria-label="keyboard shortcuts">?</button>
        </span>
      </header>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <div className="console-grid">
        <nav aria-label="activities" className="console-nav">
          <ol className="activity-list">
            {lesson.activities.map((a, i) => (
              <li key={a.id}><button aria-current={i === index} onClick={() => send("activity:goto", { index: i })}>{i + 1}. {a.title}</button></li>
            ))}
          </ol>
        </nav>
        <main className="console-main" aria-label="current activity">
          <div className="console-head">
            <div>
              <p className="muted small">Activity {index + 1} of {lesson.activities.length} · the projector shows {projectorShows(state)}</p>
              <h1>{activity.title}</h1>
            </div>
            <div className="primary-box">
              <button className="primary big" data-testid="primary-action" disabled={primary.kind === "none" || working} aria-busy={working} onClick={() => void run(primary)}>{primary.label} <kbd>Enter</kbd></button>
              <p className="muted small">{next ? <>Next up: {next.title}</> : "Last activity"}</p>
            </div>
          </div>
          {message && <p className="error" role="alert">{message}</p>}
          {state.status === "ended" && <p className="card">The class has ended. <a href={`/teach/reports/${sessionId}`}>Open the report →</a></p>}
          {state.timeline && <SimControls timeline={state.timeline} step={lockstep.step} send={(op) => send("sim:control", op)} />}
          <div className={`console-work${state.timeline && hasQuestions ? " with-sim" : ""}`}>
            {hasQuestions && (
              <section aria-label="questions" className="console-questions">
                <div className="row">
                  <label htmlFor="timer" className="inline">Timer for the next question <kbd>T</kbd>
                    <select id="timer" value={timer ?? 0} onChange={(e) => setTimer(Number(e.target.value) || null)}>
                      {TIMERS.map((t) => <option key={t} value={t}>{t === 0 ? "none" : t < 60 ? `${t} s` : `${t / 60} min`}</option>)}
                    </select>
                  </label>
                </div>
                {activity.questions.map((q, i) => (
                  <QuestionPanel key={q.id} q={q} n={i + 1} of={activity.questions.length} rt={state.questionRuntime[q.id]}
                    qp={progress?.questions.find((x) => x.questionId === q.id)} shown={state.projectorQuestion === q.id}
                    roster={state.participants} clock={clock} timer={timer} send={send} onOpened={() => setTimer(null)} />
                ))}
              </section>
            )}
            {state.timeline && (
              <section aria-label="simulation" className="console-sim">
                <label className="inline"><input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> Log scale for losses</label>
                <SimView view={lockstep} timeline={state.timeline} logScale={logScale} teacher />
              </section>
            )}
            {state.activity.experiment && (
              <section className="card" aria-label="class experiment">
                <h2>Class experiment: {state.activity.experiment.label}</h2>
                <p>{points?.activityId === state.activity.id ? points.points.length : 0} results in.</p>
                <ExperimentPlot points={points?.activityId === state.activity.id ? points.points : []} label="validation loss against lambda, one point per student" />
              </section>
            )}
            {!hasQuestions && !state.timeline && !state.activity.experiment && state.activity.body && <p className="card"><Tex text={state.activity.body} /></p>}
          </div>
        </main>
        <aside className="console-side" aria-label="notes and room">
          {activity.teacherNotes && (
            <section className="card notes" aria-label="teacher notes">
              <h2>Notes</h2>
              <p>{activity.teacherNotes}</p>
            </section>
          )}
          <section className="card" aria-label="projector">
            <h2>Projector</h2>
            <div className="row">
              <label className="inline"><input type="checkbox" checked={stage.namesShown} onChange={(e) => send("stage:set", { namesShown: e.target.checked })} /> Names on the wall of written answers</label>
              <label className="inline"><input type="checkbox" checked={stage.podium} onChange={(e) => send("stage:set", { podium: e.target.checked })} /> Podium at the end (the top by correct answers; never the bottom)</label>
            </div>
            <p className="muted small">Students join at {joinUrl ?? `/join/${state.code}`}</p>
          </section>
          <PairPanel pairedAt={state.pairedAt} pair={() => sendNow("viewer:pair", {})} revoke={() => send("viewer:revoke", {})} />
          <section className="card" aria-label="class">
            <h2>Class</h2>
            <div className="row">
              <button onClick={() => send("session:lock", { locked: !state.joinLocked })}>{state.joinLocked ? "Unlock joining" : "Lock joining"}</button>
              <button onClick={() => send("session:pause", { paused: !state.paused })} aria-pressed={state.paused}>{state.paused ? "Resume everyone" : "Pause everyone"}</button>
              <button className="danger" disabled={state.status === "ended"} onClick={() => { if (confirm("End the session for everyone?")) send("session:end", {}); }}>End session</button>
            </div>
            <details>
              <summary>Participants ({joined.length})</summary>
              <ul className="participants">
                {state.participants.map((p) => (
                  <li key={p.id}>
                    <span>{p.nickname} {p.removed ? "(removed)" : p.connected ? "" : "(offline)"}</span>
                    {!p.removed && <button className="danger" onClick={() => { if (confirm(`Remove ${p.nickname}?`)) send("participant:remove", { participantId: p.id }); }}>Remove</button>}
                  </li>
                ))}
              </ul>
            </details>
            <p><a href="/teach">My sessions</a></p>
          </section>
        </aside>
      </div>
    </div>
  );
}
