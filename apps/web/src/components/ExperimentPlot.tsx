"use client";
import { useMemo } from "react";
import { useCanvas } from "./canvases";
import { niceStep, tickLabels } from "./chartAxes";

/**
 * The class's U-curve: each student's validation loss against their λ (log axis; λ = 0 drawn at
 * the left edge), the best marked. `fontPx` sizes the axis text (the projector's is large).
 */
export function ExperimentPlot({ points, label, fontPx = 12, className = "" }: { points: { value: number; valLoss: number }[]; label: string; fontPx?: number; className?: string }) {
  // Redrawn when the points or the font change, not on every render of the page around it.
  const version = useMemo(() => ({ points, fontPx }), [points, fontPx]);
  const ref = useCanvas((ctx, w, h) => {
    const f = fontPx;
    const padL = f * 4.2;
    const padB = f * 3.2;
    const lx = (v: number) => (v <= 0 ? -7 : Math.log10(v));
    const xMin = -7;
    const xMax = 1;
    const ys = points.map((p) => p.valLoss);
    // Up to 4 gridlines at a nice step (0.2, 0.5, 1 …), the top one just above the highest point.
    const yStep = niceStep(Math.max(0.1, ...ys) * 1.05, 4);
    const yTicks = Math.max(1, Math.ceil((Math.max(0.1, ...ys) * 1.05) / yStep));
    const yMax = yStep * yTicks;
    const X = (v: number) => padL + ((lx(v) - xMin) / (xMax - xMin)) * (w - padL - f);
    const Y = (v: number) => h - padB - (v / yMax) * (h - padB - f);
    ctx.strokeStyle = "#9ca3af";
    ctx.fillStyle = "#1f2937";
    ctx.font = `${f}px system-ui, sans-serif`;
    ctx.beginPath(); ctx.moveTo(padL, f * 0.5); ctx.lineTo(padL, h - padB); ctx.lineTo(w - f * 0.5, h - padB); ctx.stroke();
    ctx.textAlign = "center";
    const sup = (n: number) => String(n).replace("-", "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);
    for (let e = -6; e <= 1; e++) ctx.fillText(e === 0 ? "1" : e === 1 ? "10" : `10${sup(e)}`, X(Math.pow(10, e)), h - padB + f * 1.2);
    ctx.fillText("0", X(0), h - padB + f * 1.2);
    ctx.textAlign = "right";
    const values = Array.from({ length: yTicks + 1 }, (_, k) => k * yStep);
    const labels = tickLabels(values, yStep);
    for (const [k, v] of values.entries()) {
      ctx.fillText(labels[k], padL - f * 0.4, Y(v) + f * 0.35);
      ctx.strokeStyle = "#eef2f7";
      ctx.beginPath(); ctx.moveTo(padL, Y(v)); ctx.lineTo(w - f * 0.5, Y(v)); ctx.stroke();
    }
    ctx.textAlign = "center";
    ctx.font = `600 ${f}px system-ui, sans-serif`;
    ctx.fillText("λ (log scale)", padL + (w - padL) / 2, h - f * 0.4);
    ctx.save(); ctx.translate(f * 1.1, (h - padB) / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("validation loss", 0, 0); ctx.restore();
    ctx.textAlign = "left";
    const best = points.reduce<{ value: number; valLoss: number } | null>((b, p) => (!b || p.valLoss < b.valLoss ? p : b), null);
    const r = Math.max(5, f * 0.45);
    for (const p of points) {
      ctx.fillStyle = "rgba(37,99,235,0.75)";
      ctx.beginPath(); ctx.arc(X(p.value), Y(p.valLoss), r, 0, 7); ctx.fill();
    }
    if (best) {
      ctx.strokeStyle = "#16a34a"; ctx.lineWidth = 3;
      ctx.beginPath(); ctx.arc(X(best.value), Y(best.valLoss), r * 2, 0, 7); ctx.stroke();
      ctx.fillStyle = "#166534";
      ctx.font = `600 ${f}px system-ui, sans-serif`;
      const text = `best: λ = ${best.value}, validation loss ${best.valLoss.toFixed(3)}`;
      const tw = ctx.measureText(text).width;
      ctx.fillText(text, Math.min(w - tw - f, X(best.value) + r * 2.5), Math.max(f * 1.5, Y(best.valLoss) - r * 2.5));
    }
  }, version);
  return <canvas ref={ref} className={`plot ${className}`} style={className ? undefined : { height: 300 }} role="img" aria-label={label} data-points={points.length} />;
}
