"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useConnection, useKeyframeFetch } from "../../lib/useConnection";
import { useLockstep } from "../../lib/useLockstep";
import { Tex } from "../../lib/tex";
import { SimView } from "../SimView";
import { ExperimentPlot, Histogram } from "./charts";
import { useHost } from "./useHost";

/** The big screen: join code and QR, who joined, the simulation large, results when the teacher shows them. */
export function Projector({ sessionId }: { sessionId: string }) {
  const { socket, clock } = useConnection();
  const { state, progress, points, error, info } = useHost(socket, sessionId);
  const lockstep = useLockstep(state?.timeline ?? null, clock, useKeyframeFetch(socket));
  const [qr, setQr] = useState<string>("");
  useEffect(() => {
    if (info?.joinUrl) void QRCode.toString(info.joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then(setQr);
  }, [info?.joinUrl]);

  if (error) return <main className="narrow"><p className="error" role="alert">{error}</p></main>;
  if (!state) return <main className="narrow"><p>Connecting…</p></main>;
  const activity = state.lesson.activities[state.activity.index];
  const joined = state.participants.filter((p) => !p.removed);
  const shown = state.projectorQuestion;
  const qp = progress?.questions.find((q) => q.questionId === shown);
  const shownQ = activity.questions.find((q) => q.id === shown);
  return (
    <main className="wrap projector">
      <div className="projector-head card">
        <div>
          <p className="muted">Join at <strong>{info?.joinUrl?.replace(/\/join\/.*$/, "")}</strong> with code</p>
          <div className="code" data-testid="projector-code">{state.code}</div>
          <p><strong data-testid="joined-count">{joined.length}</strong> joined</p>
          <div className="names" aria-label="who joined">{joined.slice(-40).map((p) => <span key={p.id}>{p.nickname}</span>)}</div>
        </div>
        {qr && <div style={{ width: 200, height: 200 }} aria-label={`QR code for ${info?.joinUrl}`} role="img" dangerouslySetInnerHTML={{ __html: qr }} />}
      </div>
      <h1>{activity.title}</h1>
      {state.activity.body && <p><Tex text={state.activity.body} /></p>}
      {state.paused && <p className="card" role="status"><strong>Paused</strong></p>}
      {state.timeline && <SimView view={lockstep} timeline={state.timeline} large />}
      {state.activity.experiment && (
        <section className="card">
          <h2>Our class&apos;s U-curve: validation loss against λ</h2>
          <ExperimentPlot points={points?.activityId === state.activity.id ? points.points : []} label="each student's validation loss against their lambda, best marked" />
        </section>
      )}
      {qp && shownQ && (
        <section className="card" aria-label="answers">
          <h2>Answers: {qp.answered} of {joined.length}</h2>
          <Histogram q={qp} options={shownQ.options} mistakes={shownQ.mistakes} />
          {qp.texts && <div className="texts">{qp.texts.map((t, i) => <blockquote key={i}>{t}</blockquote>)}</div>}
        </section>
      )}
    </main>
  );
}
