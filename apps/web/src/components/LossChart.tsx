"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { NICE_INCRS, tickLabels, yAxisSize } from "./chartAxes";

export interface Series {
  label: string;
  values: number[];
  color: string;
  dash?: number[];
}

/** A vertical line at a step, with a short label (early stopping's best step). */
export interface Marker {
  step: number;
  label: string;
  color: string;
}

/**
 * A line chart (uPlot) of several series against training step; optional log scale.
 * `fontPx` sizes axis numbers and labels (the projector reads them from the back of the room);
 * `height` may follow its box (`fill`), and `markers` draw vertical lines at given steps.
 */
export function LossChart({ steps, series, title, log = false, height = 220, xLabel = "step", yLabel = "loss", legend = true, fontPx = 12, markers = [], fill = false }: {
  steps: number[]; series: Series[]; title: string; log?: boolean; height?: number; xLabel?: string; yLabel?: string; legend?: boolean;
  fontPx?: number; markers?: Marker[]; fill?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markerRef = useRef(markers);
  markerRef.current = markers;
  const shape = `${series.map((s) => s.label).join("|")}|${log}|${fontPx}|${yLabel}`;
  const shapeRef = useRef("");
  const sizeOf = (el: HTMLElement) => ({ width: Math.max(200, el.clientWidth), height: fill ? Math.max(120, el.clientHeight - (legend ? fontPx * 2.2 : 0)) : height });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data = [steps, ...series.map((s) => (log ? s.values.map((v) => (v > 0 ? v : null)) : s.values))] as uPlot.AlignedData;
    if (!plot.current || shapeRef.current !== shape) {
      plot.current?.destroy();
      shapeRef.current = shape;
      const font = `${fontPx}px system-ui, sans-serif`;
      const axis = { font, labelFont: `600 ${font}`, labelSize: fontPx * 1.6, stroke: "#1f2937", grid: { stroke: "#e5e7eb" }, ticks: { stroke: "#cbd5e1" } };
      // Ticks at 1, 2, 5 × 10^k with the step's decimals; a log scale keeps uPlot's own.
      const nice = { incrs: NICE_INCRS, values: (_u: uPlot, splits: number[], _i: number, _s: number, incr: number) => tickLabels(splits, incr) };
      const xAxis = { ...axis, ...nice, label: xLabel, size: fontPx * 2.2, space: fontPx * 3.5 };
      const yAxis = { ...axis, ...(log ? {} : nice), label: yLabel, size: yAxisSize(fontPx), space: fontPx * 2 };
      plot.current = new uPlot(
        {
          ...sizeOf(el),
          title: title || undefined,
          scales: { x: { time: false }, y: log ? { distr: 3 } : { auto: true } },
          axes: [xAxis, yAxis],
          legend: { show: legend },
          series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: fontPx > 14 ? 3 : 2, dash: s.dash, points: { show: false } }))],
          hooks: {
            draw: [(u) => {
              const ctx = u.ctx;
              for (const m of markerRef.current) {
                const x = Math.round(u.valToPos(m.step, "x", true));
                if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) continue;
                ctx.save();
                ctx.strokeStyle = m.color;
                ctx.lineWidth = 2 * uPlot.pxRatio;
                ctx.setLineDash([8 * uPlot.pxRatio, 6 * uPlot.pxRatio]);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
                ctx.setLineDash([]);
                ctx.fillStyle = m.color;
                ctx.font = `600 ${Math.round(fontPx * uPlot.pxRatio)}px system-ui, sans-serif`;
                const text = m.label;
                const w = ctx.measureText(text).width;
                const tx = x + w + 8 * uPlot.pxRatio > u.bbox.left + u.bbox.width ? x - w - 6 * uPlot.pxRatio : x + 6 * uPlot.pxRatio;
                ctx.fillText(text, tx, u.bbox.top + fontPx * 1.2 * uPlot.pxRatio);
                ctx.restore();
              }
            }],
          },
        },
        data,
        el,
      );
    } else {
      plot.current.setData(data);
    }
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Follow the container's size (only real changes), so the chart can never push its own
    // container bigger in a resize loop.
    let last = sizeOf(el);
    const ro = new ResizeObserver(() => {
      const next = sizeOf(el);
      if (Math.abs(next.width - last.width) < 2 && Math.abs(next.height - last.height) < 2) return;
      last = next;
      plot.current?.setSize(next);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [height, fill, fontPx, legend]);

  return (
    <div ref={box} className={`chart${fill ? " chart-fill" : ""}`} role="img" title="Drag across the chart to zoom in; double-click to zoom out"
      style={{ ["--chart-font" as string]: `${fontPx}px` }}
      aria-label={`${title || yLabel}: ${series.slice(0, 6).map((s) => `${s.label} ${s.values.at(-1)?.toPrecision(3) ?? "–"}`).join(", ")}`} />
  );
}
