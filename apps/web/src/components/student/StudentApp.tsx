"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ExperimentResult, JoinAck, PersonalSummary, PublicState, RevealedResult, ServerEvents, StudentQuestionState, StudentSnapshot } from "@livelab/core/protocol";
import { callRetrying } from "../../lib/socket";
import { ConnectionBadge, useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { Tex } from "../../lib/tex";
import { LazyLockstep } from "./LazyLockstep";
import { AnswerOutbox, type SaveState } from "./answerOutbox";
import { JoinForm } from "./JoinForm";
import dynamic from "next/dynamic";

// Only the experiment activity needs it, and the look-back only the end: keep them out of the first load.
const ExperimentCard = dynamic(() => import("./ExperimentCard").then((m) => m.ExperimentCard), { ssr: false });
// Questions come after the join form: their card (inputs, countdown, verdict) loads once the phone
// has a seat (preloaded below), so the join form is the first thing a phone on bad Wi-Fi gets.
const loadQuestionCard = () => import("./QuestionCard").then((m) => m.QuestionCard);
const QuestionCard = dynamic(loadQuestionCard, { ssr: false, loading: () => <p className="muted">Loading the question…</p> });
const LookBack = dynamic(() => import("./LookBack").then((m) => m.LookBack), { ssr: false, loading: () => <p>Thanks for taking part!</p> });
import { seats, type Seat } from "./storage";
import { knownStudent } from "../../lib/knownStudent";
import { asSentence } from "../../lib/sentence";

/** What the phone keeps of the class's public state (the snapshot's part of it, or the latest broadcast). */
type ClassState = Omit<PublicState, "sessionId" | "serverTime">;

/** The phone: join (code checked, then nickname), then follow the class. Reloads resume the same seat. */
export function StudentApp({ code }: { code: string }) {
  const { socket, clock, connection } = useConnection();
  const fetchKeyframe = useKeyframeFetch(socket);
  const [seat, setSeat] = useState<Seat | null>(null);
  const [state, setState] = useState<ClassState | null>(null);
  const [questions, setQuestions] = useState<Record<string, StudentQuestionState>>({});
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const [experiment, setExperiment] = useState<ExperimentResult | null>(null);
  const [summary, setSummary] = useState<PersonalSummary | null>(null);
  const [removed, setRemoved] = useState(false);
  // A class run for a roster: its students sign in to their class (name and PIN) instead of a nickname.
  const [needsClassSignIn, setNeedsClassSignIn] = useState(false);
  // Said above the join form: why a roster student's own join did not go through.
  const [rosterError, setRosterError] = useState<string | null>(null);
  // A roster student in a class without a roster joins with a nickname: their name, to start with.
  const [suggestedNickname, setSuggestedNickname] = useState("");
  const seatRef = useRef<Seat | null>(null);
  const seated = seat !== null;
  // Fetch the question card as soon as there is a seat, before the first question opens.
  useEffect(() => { if (seated) void loadQuestionCard(); }, [seated]);

  const applySnapshot = useCallback((s: StudentSnapshot) => {
    setState({ status: s.status, paused: s.paused, activity: s.activity, timeline: s.timeline, questions: s.questions.map((q) => ({ questionId: q.questionId, status: q.status, deadline: q.deadline })) });
    setQuestions(Object.fromEntries(s.questions.map((q) => [q.questionId, q])));
  }, []);

  // Answers wait on the phone until the server has stored them (answerOutbox.ts says why and how).
  const reattach = useRef<() => void>(() => {});
  const outbox = useMemo(() => socket && new AnswerOutbox(socket, () => seatRef.current?.participantId ?? null, {
    onSave: (questionId, save) => setSaves((s) => ({ ...s, [questionId]: save })),
    onStored: (questionId, answer, attempt) => setQuestions((qs) => (qs[questionId] ? { ...qs, [questionId]: { ...qs[questionId], attemptsUsed: attempt, lastAnswer: answer } } : qs)),
    onSeatLost: () => reattach.current(),
  }), [socket]);
  useEffect(() => () => outbox?.dispose(), [outbox]);

  // (Re)attach on every connect: a roster student joins again as themselves (their device's
  // student cookie), anyone else resumes the stored seat if there is one.
  useEffect(() => {
    if (!socket || !outbox) return;
    const attach = async () => {
      if (knownStudent.get() && !seats.get(code)) {
        // Retried while the class moves to another server (several nodes), like a resume.
        const r = await callRetrying(socket, "session:joinRoster", { code });
        if (r.ok) {
          const s: Seat = { resumeToken: "", participantId: r.data.participantId, nickname: r.data.nickname };
          seatRef.current = s;
          setSeat(s);
          applySnapshot(r.data.snapshot);
          if (r.data.summary) setSummary(r.data.summary);
          outbox.seated();
          return;
        }
        if (r.error.code === "PARTICIPANT_REMOVED") return setRemoved(true);
        if (r.error.code === "CLASS_SIGN_IN_REQUIRED") {
          // This device's sign-in is gone (signed out, PIN reset): sign in to the class again.
          knownStudent.clear();
          return setNeedsClassSignIn(true);
        }
        if (r.error.code !== "NOT_IN_CLASS") return setRosterError(asSentence(r.error.message));
        // NOT_IN_CLASS: a class without a roster (or another class's): join it with a nickname.
        setSuggestedNickname(knownStudent.get()?.name ?? "");
        return;
      }
      const stored = seats.get(code);
      if (!stored) return;
      const r = await callRetrying(socket, "session:resume", { resumeToken: stored.resumeToken });
      if (r.ok) {
        seatRef.current = stored;
        setSeat(stored);
        applySnapshot(r.data.snapshot);
        if (r.data.summary) setSummary(r.data.summary);
        outbox.seated();
      } else if (r.error.code === "RESUME_TOKEN_INVALID" || r.error.code === "PARTICIPANT_REMOVED") {
        seats.clear(code);
        seatRef.current = null;
        setSeat(null);
        if (r.error.code === "PARTICIPANT_REMOVED") setRemoved(true);
      }
    };
    reattach.current = () => void attach();
    const lost = () => outbox.connectionLost();
    socket.on("connect", attach);
    socket.on("disconnect", lost);
    if (socket.connected) void attach();
    const onState = (p: PublicState) => {
      setState(p);
      setQuestions((qs) => {
        const next = { ...qs };
        for (const q of p.questions) if (next[q.questionId]) next[q.questionId] = { ...next[q.questionId], status: q.status, deadline: q.deadline };
        return next;
      });
    };
    const onOpened = (q: StudentQuestionState) => setQuestions((qs) => ({ ...qs, [q.questionId]: q }));
    const onRevealed = (r: RevealedResult) => {
      setQuestions((qs) => (qs[r.questionId] ? { ...qs, [r.questionId]: { ...qs[r.questionId], status: "revealed", result: r } } : qs));
    };
    const onExperiment = (r: ExperimentResult) => setExperiment(r);
    // The class grew: "of N" follows without a message per student (counts only grow; a late one is ignored).
    const onCounted = (c: { activityId: string; of: number }) => setExperiment((e) => (e && e.activityId === c.activityId && c.of > e.of ? { ...e, of: c.of } : e));
    const onEnded = (s: PersonalSummary) => setSummary(s);
    const onRemoved = () => { setRemoved(true); seats.clear(code); };
    // One table of the phone's messages, each handler typed by the protocol's ServerEvents.
    const handlers: Partial<ServerEvents> = {
      "session:state": onState, "question:opened": onOpened, "question:revealed": onRevealed,
      "experiment:result": onExperiment, "experiment:counted": onCounted, "session:ended": onEnded, "participant:removed": onRemoved,
    };
    const entries = Object.entries(handlers) as [keyof ServerEvents, (payload: unknown) => void][];
    for (const [event, fn] of entries) socket.on(event, fn);
    return () => {
      socket.off("connect", attach);
      socket.off("disconnect", lost);
      for (const [event, fn] of entries) socket.off(event, fn);
    };
  }, [socket, outbox, code, applySnapshot]);

  const joined = (r: JoinAck) => {
    const s: Seat = { resumeToken: r.resumeToken, participantId: r.participantId, nickname: r.snapshot.participant.nickname };
    seats.set(code, s);
    seatRef.current = s;
    setSeat(s);
    applySnapshot(r.snapshot);
    outbox?.seated();
  };

  if (removed) return <main className="narrow"><h1>You have left this class</h1><p>The teacher removed you from this class. Ask your teacher if this was a mistake.</p></main>;

  if (!seat && needsClassSignIn) {
    return (
      <main className="narrow">
        <div className="row" style={{ justifyContent: "space-between" }}><span className="brand">LiveLab</span><ConnectionBadge state={connection} /></div>
        <h1>Join class {code}</h1>
        <section className="card">
          <p>This class is for the students of a class list: you join it under your own name, and your answers count toward your practice.</p>
          <a className="button-link" href={`/class/${code}?next=${encodeURIComponent(`/join/${code}`)}`}>Sign in to your class</a>
          <p className="muted small">First time? You will choose a PIN there. No email needed.</p>
        </section>
      </main>
    );
  }

  if (!seat) {
    return <JoinForm socket={socket} connection={connection} code={code} onJoined={joined} initialNickname={suggestedNickname} notice={rosterError}
      onClassSignIn={() => setNeedsClassSignIn(true)} />;
  }

  const shown = (state?.questions ?? []).map((q) => questions[q.questionId]).filter(Boolean);
  return (
    <>
      <header className="topbar">
        <span className="brand">LiveLab</span>
        <span>{seat.nickname}</span>
        <ConnectionBadge state={connection} />
      </header>
      <main className="narrow" data-participant={seat.participantId}>
        {state?.paused && <div className="paused-overlay" role="alert"><strong>Paused</strong><span>Eyes on your teacher. What you typed is kept; the class goes on in a moment.</span></div>}
        {summary ? (
          <>
            <LookBack socket={socket} summary={summary} />
            {/* A roster student (no resume token: they join as themselves) goes back to their course. */}
            {!seat.resumeToken && <p><a className="button-link" href="/me">Back to your course</a></p>}
          </>
        ) : !state ? <p>Connecting to the class…</p> : (
          <>
            <p className="muted">Activity {state.activity.index + 1} of {state.activity.count}</p>
            <h1>{state.activity.title}</h1>
            {state.activity.body && <p><Tex text={state.activity.body} /></p>}
            {/* Questions first, in one fixed order (the class's) whatever their state (a card that jumped below the
                simulation when it closed lost the student's place); the simulation follows. */}
            {shown.map((q) => <QuestionCard key={q.questionId + q.view.prompt} q={q} save={saves[q.questionId] ?? { kind: "idle" }} onSubmit={(a) => outbox?.submit(q.questionId, a)} clock={clock} participantId={seat.participantId} />)}
            {state.timeline && <LazyLockstep timeline={state.timeline} clock={clock} fetchKeyframe={fetchKeyframe} />}
            {state.activity.experiment && socket && (
              <ExperimentCard socket={socket} activityId={state.activity.id} def={state.activity.experiment} result={experiment?.activityId === state.activity.id ? experiment : null} onResult={setExperiment} />
            )}
            {shown.length === 0 && !state.timeline && !state.activity.experiment && <p className="card">Waiting for the teacher…</p>}
          </>
        )}
      </main>
    </>
  );
}
