"use client";
import { useEffect, useRef, useState } from "react";
import type { RevealedResult, StudentQuestionState } from "@livelab/core/protocol";
import type { ServerClock } from "../../lib/clock";
import { Tex } from "../../lib/tex";
import { useCountdown } from "../../lib/useCountdown";
import { AnswerInput, hasAnswer, type Answer } from "./AnswerInput";
import type { SaveState } from "./answerOutbox";
import { drafts } from "./storage";


/**
 * One question on a phone: the input for its kind, a countdown when timed, the save state, and
 * after the reveal the feedback. What is typed but not sent yet is kept on the phone (a reload
 * or a locked screen does not lose it).
 */
export function QuestionCard({ q, save, onSubmit, clock, participantId }: {
  q: StudentQuestionState; save: SaveState; onSubmit: (answer: string | string[]) => void; clock: ServerClock | null; participantId: string;
}) {
  const v = q.view;
  const draftKey = { pid: participantId, qid: v.id };
  const initial = q.lastAnswer ?? (q.attemptsUsed === 0 ? drafts.get(draftKey.pid, draftKey.qid) : null);
  const empty: Answer = v.kind === "multiple" ? [] : "";
  const [answer, setAnswer] = useState<Answer>(Array.isArray(initial) ? (initial as string[]) : typeof initial === "string" ? initial : empty);
  // A reveal that arrives while the student watches is scrolled to; one already there on a reload is not.
  const revealedAtMount = useRef(!!q.result);
  const left = useCountdown(q.status === "open" ? q.deadline : null, clock);
  const open = q.status === "open" && left !== 0;
  const used = q.attemptsUsed >= v.attempts;
  // Locked while an answer is on its way or waiting for the connection: what is shown is what will be stored.
  const locked = !open || used || save.kind === "sending" || save.kind === "waiting";
  const id = `q-${v.id}`;
  const canSend = !locked && hasAnswer(answer);
  // Keep what is typed until it is saved; forget it once the server has it.
  useEffect(() => {
    if (q.attemptsUsed > 0 || save.kind === "saved") drafts.drop(draftKey.pid, draftKey.qid);
    else if (Array.isArray(answer) ? answer.length > 0 : answer !== "") drafts.put(draftKey.pid, draftKey.qid, answer);
  }, [answer, q.attemptsUsed, save.kind]);
  return (
    <article className="card" aria-labelledby={`${id}-prompt`} data-question={v.id} data-status={q.status} data-prompt={v.prompt}>
      {q.status === "open" && left !== null && (
        <p className={`phone-clock${left <= 5 ? " ending" : ""}`} role="timer" aria-label="time left">
          {left > 0 ? <>Time left: <span data-role="countdown">{left}</span> s</> : <><span data-role="countdown">0</span> s — time&apos;s up</>}
        </p>
      )}
      <p id={`${id}-prompt`}><Tex text={v.prompt} /></p>
      <form onSubmit={(e) => { e.preventDefault(); if (canSend) onSubmit(answer); }}>
        <AnswerInput view={v} id={id} value={answer} onChange={setAnswer} disabled={locked} />
        {v.hint && open && !used && <details className="tap"><summary>Hint</summary><Tex text={v.hint} /></details>}
        <div className="row" style={{ marginTop: 8 }}>
          {!used && open && <button type="submit" className="primary" disabled={!canSend}>Send answer</button>}
          <SaveLine save={save} q={q} timedOut={left === 0} />
        </div>
      </form>
      {q.result && <Feedback r={q.result} scrollOnShow={!revealedAtMount.current} />}
    </article>
  );
}

function SaveLine({ save, q, timedOut }: { save: SaveState; q: StudentQuestionState; timedOut: boolean }) {
  // Honest about where the answer is: only an acknowledgement from the server makes it "saved".
  if (save.kind === "waiting") return <span className="waiting" role="status" data-save="waiting">Not sent yet — waiting for the connection. It is kept on this phone and sent when you are back online.</span>;
  if (save.kind === "sending") return <span className="muted" role="status" data-save="sending">Sending…</span>;
  if (save.kind === "error") return <span className="error" role="alert" data-save="error">{save.message}</span>;
  if (save.kind === "saved" || q.attemptsUsed > 0) return <span className="saved" role="status" data-save="saved">✓ Answer saved{q.status === "open" ? " — wait for the reveal" : ""}</span>;
  if ((q.status !== "open" || timedOut) && !q.result) return <span className="muted">Answers are closed</span>;
  return null;
}

/** The verdict once (core words it: "Correct!", "Not quite."), the explanation, the right answer and the worked solution. */
export function Feedback({ r, scrollOnShow = false }: { r: RevealedResult; scrollOnShow?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // On a phone the verdict lands below the options, out of sight: bring it to the eye once, when it arrives.
  useEffect(() => {
    if (scrollOnShow) ref.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [scrollOnShow, r.questionId]);
  return (
    <div ref={ref} className={`feedback ${r.status}${r.unscored ? " unscored" : ""}`} role="status" data-result={r.status} data-feedback-key={r.feedbackKey ?? ""}>
      <p><strong>{r.headline}</strong> {r.feedback && <Tex text={r.feedback} />}</p>
      {r.yourAnswerText !== null && r.status !== "correct" && (
        // A student's own words are shown as typed; only an option ("B: …") is lesson text with math.
        <p>Your answer: {/^[A-L]: /.test(r.yourAnswerText) ? <Tex text={r.yourAnswerText} /> : <span className="pre-line">{r.yourAnswerText}</span>}</p>
      )}
      {r.expected && r.status !== "correct" && r.status !== "ungraded" && <p>Right answer: <strong><Tex text={r.expected} /></strong></p>}
      {r.solution && <details className="tap" open={r.status !== "correct"}><summary>Worked solution</summary><Tex text={r.solution} /></details>}
    </div>
  );
}
