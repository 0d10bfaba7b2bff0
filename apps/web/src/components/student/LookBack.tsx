"use client";
import { useEffect, useState } from "react";
import type { PersonalSummary, ReviewItem } from "@livelab/core/protocol";
import { call, type LiveSocket } from "../../lib/socket";
import { Tex } from "../../lib/tex";
import { Feedback } from "./QuestionCard";
import { studentMessage } from "./studentMessages";
import { answeredSummary } from "./answeredSummary";

/**
 * The end of class on a phone: the student's own numbers (core's personal summary, rendered
 * as is) and a look-back at every question — their answer, the right one, the worked solution,
 * which the server sends only now that the class has ended.
 */
export function LookBack({ socket, summary }: { socket: LiveSocket | null; summary: PersonalSummary }) {
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!socket) return;
    void call(socket, "review:get", {}).then((r) => (r.ok ? setItems(r.data.items) : setError(studentMessage(r.error))));
  }, [socket]);
  return (
    <>
      <section className="card" aria-labelledby="summary-title">
        <h1 id="summary-title">Thanks for taking part!</h1>
        <p data-role="answered-summary">{answeredSummary(summary)}</p>
      </section>
      {error && <p className="error" role="alert">{error}</p>}
      {items && items.length > 0 && (
        <section aria-labelledby="lookback-title">
          <h2 id="lookback-title">Look back at every question</h2>
          {items.map((item, i) => (
            <article className="card lookback" key={item.questionId} data-question={item.questionId}>
              <p className="muted small">{i + 1}. {item.activityTitle}</p>
              <p><Tex text={item.prompt} /></p>
              {item.options && <ol className="lookback-options">{item.options.map((o) => <li key={o.letter}><span className="letter" aria-hidden="true">{o.letter}</span> <Tex text={o.text} /></li>)}</ol>}
              <Feedback r={item} />
            </article>
          ))}
        </section>
      )}
    </>
  );
}
