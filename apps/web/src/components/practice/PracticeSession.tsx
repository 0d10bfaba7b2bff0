"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PracticeAttemptResult, PracticeItemView, SkillState } from "@livelab/core/protocol";
import { api, type ApiCallError, asSentence } from "../../lib/practiceApi";
import { randomKey } from "../../lib/socket";
import { Tex } from "../../lib/tex";
import { AnswerInput, hasAnswer, type Answer } from "../student/AnswerInput";
import { Dots } from "./StudentHome";
import { PracticeFeedback } from "./PracticeFeedback";
import { pendingAttempt, practiceDraft, type PendingAttempt } from "./practiceStorage";
import "./practice.css";

/** Where an attempt is: being typed, on its way, waiting for a connection, or graded. */
type Phase = { kind: "answering"; error?: string } | { kind: "sending" } | { kind: "waiting" } | { kind: "graded"; result: PracticeAttemptResult };

/** How often a kept attempt is tried again while the phone seems offline. */
const RETRY_MS = 4000;

/**
 * Practising one skill on a phone: one item at a time in the student's own numbers, graded on
 * the server. After an answer: the verdict, the named mistake, the worked solution (open after a
 * wrong answer), the row toward mastery, what it unlocked; then a fresh variant. The hint is one
 * tap away and is recorded (that item then does not count toward mastery). On bad Wi-Fi the
 * answer is kept on the phone and sent when the connection is back — once: it carries its
 * idempotency key. The row and the gates move only when the server says so.
 */
export function PracticeSession({ skill, assignmentId }: { skill: string; assignmentId: string | null }) {
  const [item, setItem] = useState<PracticeItemView | null>(null);
  const [state, setState] = useState<SkillState | null>(null);
  const [answer, setAnswer] = useState<Answer>("");
  const [phase, setPhase] = useState<Phase>({ kind: "answering" });
  const [hint, setHint] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [locked, setLocked] = useState<string | null>(null);
  const sending = useRef(false);

  const load = useCallback(async () => {
    setProblem(null);
    // The answered item and its verdict go at once: no old question is left to answer while the next one loads.
    setItem(null);
    setPhase({ kind: "answering" });
    try {
      const it = await api<PracticeItemView>("/api/student/practice/next", "POST", { skill, ...(assignmentId ? { assignmentId } : {}) });
      setItem(it);
      setState(it.state);
      setHint(it.hint);
      const draft = practiceDraft.get(it.itemId);
      setAnswer(draft ?? (it.question.kind === "multiple" ? [] : ""));
      setPhase({ kind: "answering" });
    } catch (e) {
      const err = e as ApiCallError;
      if (err.status === 401) window.location.assign("/me");
      else if (err.code === "SKILL_LOCKED") setLocked(asSentence(err.message));
      else setProblem(err.offline ? "No connection. The next question comes when you are back online." : asSentence(err.message));
    }
  }, [skill, assignmentId]);

  /** Send the kept attempt; keep it (and try again later) while there is no connection. */
  const send = useCallback(async (p: PendingAttempt) => {
    if (sending.current) return;
    sending.current = true;
    setPhase({ kind: "sending" });
    try {
      const result = await api<PracticeAttemptResult>("/api/student/practice/attempts", "POST", { itemId: p.itemId, answer: p.answer, idempotencyKey: p.idempotencyKey });
      pendingAttempt.clear();
      practiceDraft.clear(p.itemId);
      setState(result.state);
      setPhase({ kind: "graded", result });
    } catch (e) {
      const err = e as ApiCallError;
      if (err.offline) setPhase({ kind: "waiting" });
      else {
        // Refused for good (an answer it cannot read): nothing was stored; fix it and send again.
        pendingAttempt.clear();
        setPhase({ kind: "answering", error: asSentence(err.message) });
      }
    } finally {
      sending.current = false;
    }
  }, []);

  // First: an attempt kept from before (a reload while offline) goes out before anything new;
  // its result shows on its own, and "Next question" loads a fresh one.
  useEffect(() => {
    const kept = pendingAttempt.get();
    if (kept && kept.skill === skill) {
      if (kept.item) {
        setItem(kept.item);
        setState(kept.item.state);
        setAnswer(kept.answer);
      }
      void send(kept);
    } else void load();
  }, [skill, load, send]);

  // While waiting for the connection: try again when the phone says it is back, and every few seconds.
  useEffect(() => {
    if (phase.kind !== "waiting") return;
    const retry = () => {
      const kept = pendingAttempt.get();
      if (kept) void send(kept);
    };
    window.addEventListener("online", retry);
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      clearInterval(timer);
    };
  }, [phase.kind, send]);

  // Keep what is typed (per item) until it is sent.
  useEffect(() => {
    if (item && phase.kind === "answering" && hasAnswer(answer)) practiceDraft.set(item.itemId, answer);
  }, [item, answer, phase.kind]);

  const submit = () => {
    if (!item || !hasAnswer(answer)) return;
    const p: PendingAttempt = { itemId: item.itemId, skill, answer, idempotencyKey: randomKey(), item };
    pendingAttempt.set(p);
    void send(p);
  };

  const showHint = async () => {
    if (!item) return;
    try {
      setHint((await api<{ hint: string | null }>(`/api/student/practice/items/${encodeURIComponent(item.itemId)}/hint`, "POST")).hint);
    } catch (e) {
      setProblem((e as ApiCallError).offline ? "The hint needs a connection." : asSentence((e as ApiCallError).message));
    }
  };

  const title = state?.title ?? item?.skillTitle ?? "Practice";
  const graded = phase.kind === "graded" ? phase.result : null;
  const mastered = state && (state.level === "mastered" || state.level === "retained");
  const inputLocked = phase.kind !== "answering";

  return (
    <>
      <header className="topbar">
        <a href="/me">← Your course</a>
        <span className="brand">LiveLab</span>
      </header>
      <main className="narrow practice" data-skill={skill}>
        <h1>{title}</h1>
        {state && (
          <p className="row-line" data-role="mastery-row" data-level={state.level} data-streak={state.streak}>
            {mastered ? <span className="badge status-mastered">Mastered</span> : <Dots streak={state.streak} needed={state.needed} />}
            {!mastered && state.streak > 0 && <span className="muted small"> — {state.needed === 1 ? "one more right answer masters it" : `${state.needed} more to master it`}</span>}
          </p>
        )}
        {locked && (
          <section className="card" role="alert">
            <p><strong>Not open yet.</strong> {locked}</p>
            <a href="/me">Back to your course</a>
          </section>
        )}
        {problem && <p className="offline-note" role="status">{problem}</p>}
        {item && !locked && (
          <article className="card" data-item={item.itemId} data-prompt={item.question.prompt} aria-labelledby="practice-prompt">
            <p id="practice-prompt"><Tex text={item.question.prompt} /></p>
            <form onSubmit={(e) => { e.preventDefault(); if (phase.kind === "answering") submit(); }}>
              <AnswerInput view={item.question} id={`p-${item.itemId}`} value={answer} onChange={(a) => setAnswer(a)} disabled={inputLocked} />
              {item.hasHint && !graded && (hint ? (
                <div className="hint" role="note"><strong>Hint:</strong> <Tex text={hint} /><p className="muted small">This question will not count toward mastery now; the next one will.</p></div>
              ) : (
                <button type="button" className="link-button" onClick={() => void showHint()} disabled={inputLocked}>Show a hint</button>
              ))}
              {phase.kind === "answering" && phase.error && <p className="error" role="alert">{phase.error}</p>}
              {!graded && (
                <div className="row" style={{ marginTop: 8 }}>
                  <button type="submit" className="primary wide" disabled={phase.kind !== "answering" || !hasAnswer(answer)}>Check my answer</button>
                </div>
              )}
              {phase.kind === "sending" && <p className="muted" role="status">Sending…</p>}
              {phase.kind === "waiting" && (
                <p className="offline-note" role="status" data-role="kept">Not sent yet: no connection. Your answer is kept on this phone and will be sent when you are back online.</p>
              )}
            </form>
          </article>
        )}
        {!item && !locked && !problem && phase.kind === "answering" && !phase.error && <p className="muted" role="status">Loading a question…</p>}
        {!item && phase.kind === "waiting" && (
          <p className="offline-note" role="status" data-role="kept">Your last answer is not sent yet: no connection. It is kept on this phone and will be sent when you are back online.</p>
        )}
        {!item && phase.kind === "answering" && phase.error && <p className="error" role="alert">{phase.error} <button className="link-button" onClick={() => void load()}>Next question</button></p>}
        {graded && (
          <PracticeFeedback result={graded} onNext={() => void load()} />
        )}
      </main>
    </>
  );
}
