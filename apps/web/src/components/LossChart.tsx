"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: number[];
  color: string;
  dash?: number[];
}

/** A line chart (uPlot) of several series against training step; optional log scale. */
export function LossChart({ steps, series, title, log = false, height = 220 }: { steps: number[]; series: Series[]; title: string; log?: boolean; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${series.map((s) => s.label).join("|")}|${log}`;
  const shapeRef = useRef("");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (!plot.current || shapeRef.current !== shape) {
      plot.current?.destroy();
      shapeRef.current = shape;
      plot.current = new uPlot(
        {
          width: Math.max(200, el.clientWidth),
          height,
          title,
          scales: { x: { time: false }, y: log ? { distr: 3 } : { auto: true } },
          axes: [{ label: "step" }, { label: "loss", size: 60 }],
          legend: { show: true },
          series: [{ label: "step" }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, points: { show: false } }))],
        },
        [steps, ...series.map((s) => s.values)],
        el,
      );
    } else {
      plot.current.setData([steps, ...series.map((s) => (log ? s.values.map((v) => (v > 0 ? v : null)) : s.values))] as uPlot.AlignedData);
    }
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [height]);

  return <div ref={box} className="chart" role="img" aria-label={`${title}: ${series.map((s) => `${s.label} ${s.values.at(-1)?.toPrecision(3) ?? "–"}`).join(", ")}`} />;
}
