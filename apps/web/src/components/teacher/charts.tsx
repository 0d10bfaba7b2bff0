"use client";
import { useCanvas } from "../canvases";
import { Tex } from "../../lib/tex";
import type { QuestionProgress } from "./useHost";

/** Answer distribution as horizontal bars (correct green, named mistakes red, others blue). */
export function Histogram({ q, options, mistakes }: { q: QuestionProgress; options?: { id: string; text: string }[]; mistakes?: { key: string; label: string }[] }) {
  const entries = options ? options.map((o) => [o.id, q.distribution[o.id] ?? 0] as const) : Object.entries(q.distribution).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  // People read option texts and mistake labels, never ids or keys.
  const label = (k: string) => options?.find((o) => o.id === k)?.text ?? mistakes?.find((m) => m.key === k)?.label ?? (k === "correct" ? "✓ correct" : k === "other" ? "other wrong answers" : k === "invalid" ? "unreadable" : "another named mistake");
  return (
    <div className="hist" role="list" aria-label={`answers to ${q.questionId}`}>
      {entries.length === 0 && <p className="muted">No answers yet.</p>}
      {entries.map(([k, n]) => (
        <div className="hist-row" key={k} role="listitem">
          <span><Tex text={label(k)} /></span>
          <span className={`hist-bar ${k === "correct" ? "good" : k === "other" || k === "invalid" || options ? "" : "bad"}`} style={{ width: `${(100 * n) / max}%` }} />
          <span>{n}</span>
        </div>
      ))}
    </div>
  );
}

/** Each student's validation loss against their λ (log axis; λ = 0 drawn at the left edge), best marked. */
export function ExperimentPlot({ points, label }: { points: { value: number; valLoss: number }[]; label: string }) {
  const ref = useCanvas((ctx, w, h) => {
    const pad = 60;
    const lx = (v: number) => (v <= 0 ? -7 : Math.log10(v));
    const xMin = -7;
    const xMax = 1;
    const ys = points.map((p) => p.valLoss);
    const yMax = Math.max(0.1, ...ys) * 1.1;
    const X = (v: number) => pad + ((lx(v) - xMin) / (xMax - xMin)) * (w - pad - 10);
    const Y = (v: number) => h - pad + 10 - (v / yMax) * (h - pad - 10);
    ctx.strokeStyle = "#9ca3af";
    ctx.fillStyle = "#374151";
    ctx.font = "12px system-ui";
    ctx.beginPath(); ctx.moveTo(pad, 10); ctx.lineTo(pad, h - pad + 10); ctx.lineTo(w - 10, h - pad + 10); ctx.stroke();
    for (let e = -6; e <= 1; e++) ctx.fillText(`1e${e}`, X(Math.pow(10, e)) - 12, h - pad + 26);
    ctx.fillText("0", X(0) - 3, h - pad + 26);
    for (let k = 0; k <= 4; k++) {
      const v = (yMax * k) / 4;
      ctx.fillText(v.toFixed(2), 24, Y(v) + 4);
      ctx.strokeStyle = "#eef2f7";
      ctx.beginPath(); ctx.moveTo(pad, Y(v)); ctx.lineTo(w - 10, Y(v)); ctx.stroke();
    }
    ctx.fillText("λ", w / 2, h - 4);
    ctx.save(); ctx.translate(14, h / 2 + 45); ctx.rotate(-Math.PI / 2); ctx.fillText("validation loss", 0, 0); ctx.restore();
    const best = points.reduce<{ value: number; valLoss: number } | null>((b, p) => (!b || p.valLoss < b.valLoss ? p : b), null);
    for (const p of points) {
      ctx.fillStyle = "rgba(37,99,235,0.75)";
      ctx.beginPath(); ctx.arc(X(p.value), Y(p.valLoss), 5, 0, 7); ctx.fill();
    }
    if (best) {
      ctx.strokeStyle = "#16a34a"; ctx.lineWidth = 3;
      ctx.beginPath(); ctx.arc(X(best.value), Y(best.valLoss), 10, 0, 7); ctx.stroke();
      ctx.fillStyle = "#166534"; ctx.fillText(`best: λ = ${best.value}, ${best.valLoss.toFixed(3)}`, Math.min(w - 170, X(best.value) + 12), Math.max(20, Y(best.valLoss) - 12));
    }
  }, points);
  return <canvas ref={ref} className="plot" style={{ height: 300 }} role="img" aria-label={label} data-points={points.length} />;
}
