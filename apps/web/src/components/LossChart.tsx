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
export function LossChart({ steps, series, title, log = false, height = 220, xLabel = "step", yLabel = "loss", legend = true }: {
  steps: number[]; series: Series[]; title: string; log?: boolean; height?: number; xLabel?: string; yLabel?: string; legend?: boolean;
}) {
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
          axes: [{ label: xLabel }, { label: yLabel, size: 60 }],
          legend: { show: legend },
          series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, points: { show: false } }))],
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
    // Follow the container's width only (and only real changes), so the chart can never push
    // its own container wider in a resize loop.
    let lastWidth = el.clientWidth;
    const ro = new ResizeObserver(() => {
      const width = el.clientWidth;
      if (Math.abs(width - lastWidth) < 2) return;
      lastWidth = width;
      plot.current?.setSize({ width: Math.max(200, width), height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [height]);

  return <div ref={box} className="chart" role="img" title="Drag across the chart to zoom in; double-click to zoom out" aria-label={`${title}: ${series.slice(0, 6).map((s) => `${s.label} ${s.values.at(-1)?.toPrecision(3) ?? "–"}`).join(", ")}`} />;
}
