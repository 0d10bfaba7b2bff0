"use client";
import { useState } from "react";
import type { ActivityView, ExperimentResult } from "@livelab/core/protocol";
import { call, randomKey, type LiveSocket } from "../../lib/socket";
import { studentMessage } from "./studentMessages";

/** Pick λ on a log slider (or exactly 0), send it, see your validation loss and rank. */
export function ExperimentCard({ socket, activityId, def, result, onResult }: {
  socket: LiveSocket; activityId: string; def: NonNullable<ActivityView["experiment"]>; result: ExperimentResult | null; onResult: (r: ExperimentResult) => void;
}) {
  const lo = Math.log10(def.min);
  const hi = Math.log10(def.max);
  const [pos, setPos] = useState((lo + hi) / 2);
  const [zero, setZero] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = zero ? 0 : Number(Math.pow(10, pos).toPrecision(2));
  const send = async () => {
    setBusy(true);
    setError(null);
    const r = await call(socket, "experiment:submit", { activityId, value, idempotencyKey: randomKey() }, 30_000);
    setBusy(false);
    if (r.ok) onResult({ activityId, ...r.data });
    else setError(studentMessage(r.error));
  };
  return (
    <section className="card" aria-labelledby="exp-title">
      <h2 id="exp-title">Your experiment</h2>
      <label htmlFor="exp-slider">{def.label} = <output htmlFor="exp-slider" data-value={value}>{value}</output></label>
      <input id="exp-slider" type="range" min={lo} max={hi} step={0.05} value={pos} disabled={zero} onChange={(e) => setPos(Number(e.target.value))} style={{ width: "100%" }} aria-valuetext={String(value)} />
      {def.allowZero && <label className="option"><input type="checkbox" checked={zero} onChange={(e) => setZero(e.target.checked)} /> <span>Use exactly 0 (no penalty)</span></label>}
      <button className="primary" onClick={() => void send()} disabled={busy}>{busy ? "Training on the server…" : "Train with this value"}</button>
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <p role="status" data-rank={result.rank} data-of={result.of}>
          {def.label} = {result.value}: validation loss <strong>{result.valLoss.toFixed(4)}</strong>, training loss {result.trainLoss.toFixed(4)}. Rank <strong>{result.rank}</strong> of {result.of}.
        </p>
      )}
    </section>
  );
}
