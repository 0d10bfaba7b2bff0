"use client";
import { useEffect, useState } from "react";
import { pendingAttempt, type PendingAttempt } from "./practiceStorage";

/**
 * On the home: an answer typed while offline whose page was closed before it went out. It is
 * still on this phone; the student should know, and one tap opens its skill, which sends it and
 * shows its verdict under its question. Read after mounting: localStorage is the browser's.
 */
export function WaitingAnswer() {
  const [kept, setKept] = useState<PendingAttempt | null>(null);
  useEffect(() => setKept(pendingAttempt.get()), []);
  if (!kept) return null;
  const title = kept.item?.skillTitle;
  return (
    <section className="card waiting-answer" role="status" aria-label="answer not sent yet" data-role="waiting-answer">
      <p className="offline-note">
        {title ? <>Your answer on <strong>{title}</strong> is not sent yet.</> : "One of your answers is not sent yet."} It is kept on this phone.
      </p>
      <a className="button-link primary-link" href={`/me/practice/${encodeURIComponent(kept.skill)}`}>Send it and see the result</a>
    </section>
  );
}
