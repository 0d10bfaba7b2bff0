"use client";
import { useEffect, useRef, useState } from "react";
import { decisionGrid, dropoutMask, fittedCurve, geometry, layerWeights, type Simulation } from "@livelab/core/sim";

/**
 * A canvas drawn by `draw`, sized to its box (HiDPI aware), and drawn again only when
 * `version` changes (the simulation's step, new points) or the canvas is resized — not on
 * every render of the page around it.
 */
export function useCanvas(draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void, version: unknown) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState("");
  useEffect(() => {
    const c = ref.current;
    if (!c || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setSize(`${c.clientWidth}x${c.clientHeight}`));
    observer.observe(c);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    try {
      draw(ctx, w, h);
    } catch (e) {
      // A drawing problem must never take the page down in the middle of a class.
      console.error("could not draw", e);
    }
    // `draw` is a new closure every render; what it draws changes only with version and size.
  }, [version, size]);
  return ref;
}

const BLUE = "#2563eb";
const ORANGE = "#ea580c";
const GREY = "#9ca3af";
const INK = "#111827";

/** Marks grow with the canvas: a projector's plot is three times a phone's, and so are its points. */
const markScale = (w: number) => Math.max(1, Math.min(3, w / 400));

/** A filled point, optionally ringed (so it stays visible over other marks). */
function dot(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, ring?: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 7);
  ctx.fill();
  if (ring) {
    ctx.strokeStyle = ring;
    ctx.stroke();
  }
}

/** Fitted 1-D curve with the training points (and the true curve faintly). */
export function CurveCanvas({ sim, version, label }: { sim: Simulation; version: number; label: string }) {
  const ref = useCanvas((ctx, w, h) => {
    const d = sim.dataset;
    const curve = fittedCurve(sim, 0, 160);
    const yMin = -2;
    const yMax = 2;
    const px = (x: number) => ((x + 1) / 2) * (w - 20) + 10;
    const py = (y: number) => h - 10 - ((Math.max(yMin, Math.min(yMax, y)) - yMin) / (yMax - yMin)) * (h - 20);
    ctx.strokeStyle = "#e5e7eb";
    ctx.beginPath();
    ctx.moveTo(10, py(0));
    ctx.lineTo(w - 10, py(0));
    ctx.stroke();
    const k = markScale(w);
    for (let i = 0; i < d.nVal; i++) dot(ctx, px(d.rawValX[i]), py(d.valY[i]), 2 * k, "rgba(234,88,12,0.45)");
    ctx.strokeStyle = BLUE;
    ctx.lineWidth = 2.5 * k;
    ctx.beginPath();
    curve.x.forEach((x, i) => (i === 0 ? ctx.moveTo(px(x), py(curve.y[i])) : ctx.lineTo(px(x), py(curve.y[i]))));
    ctx.stroke();
    for (let i = 0; i < d.nTrain; i++) dot(ctx, px(d.rawTrainX[i]), py(d.trainY[i]), 4.5 * k, INK);
  }, version);
  return <canvas ref={ref} className="plot" role="img" aria-label={label} />;
}

/** Coefficient bars; exact zeros are drawn as hollow markers so they stand out. */
export function BarsCanvas({ sim, lane = 0, version, label }: { sim: Simulation; lane?: number; version: number; label: string }) {
  const ref = useCanvas((ctx, w, h) => {
    const weights = layerWeights(sim, lane)[0].weights[0];
    const truth = sim.dataset.trueWeights;
    const maxAbs = Math.max(0.5, ...weights.map(Math.abs), ...(truth ? Array.from(truth, Math.abs) : []));
    const bw = (w - 20) / weights.length;
    const mid = h / 2;
    ctx.strokeStyle = "#d1d5db";
    ctx.beginPath();
    ctx.moveTo(10, mid);
    ctx.lineTo(w - 10, mid);
    ctx.stroke();
    weights.forEach((wv, j) => {
      const x = 10 + j * bw;
      if (truth && truth[j] !== 0) {
        ctx.strokeStyle = "rgba(22,163,74,0.9)";
        ctx.strokeRect(x + 1, mid, bw - 2, -(truth[j] / maxAbs) * (h / 2 - 8));
      }
      if (wv === 0) {
        ctx.strokeStyle = GREY;
        ctx.beginPath();
        ctx.arc(x + bw / 2, mid, Math.min(5, bw / 3), 0, 7);
        ctx.stroke();
      } else {
        ctx.fillStyle = wv > 0 ? BLUE : ORANGE;
        ctx.fillRect(x + bw * 0.2, mid, bw * 0.6, -(wv / maxAbs) * (h / 2 - 8));
      }
    });
  }, version);
  return <canvas ref={ref} className="plot" role="img" aria-label={label} />;
}

/**
 * While a simulation plays, the decision grid is recomputed at most this often (a phone's CPU
 * goes to keeping up with the class); the newest state is always drawn once it stops changing.
 */
const GRID_MIN_INTERVAL_MS = 100;

interface GridCache {
  sim: Simulation | null;
  version: unknown;
  at: number;
  probs: Float64Array;
  image: ImageData | null;
  pixels: HTMLCanvasElement | null;
}

/** Paint P(class 1) into `image` (row 0 of the grid at the bottom), blue for 1, orange for 0. */
function paintProbabilities(probs: Float64Array, size: number, image: ImageData): void {
  const data = image.data;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const p = probs[r * size + c];
      const o = ((size - 1 - r) * size + c) * 4;
      data[o] = 255 * (0.95 - 0.6 * p);
      data[o + 1] = 255 * (0.75 - 0.25 * Math.abs(p - 0.5));
      data[o + 2] = 255 * (0.35 + 0.6 * p);
      data[o + 3] = 255;
    }
  }
}

/**
 * Decision-boundary heatmap of one lane with the training points. The grid (size × size, drawn
 * smoothed to the canvas) is computed by the engine as one batch into buffers kept between
 * frames, at most every GRID_MIN_INTERVAL_MS while the simulation moves.
 */
export function HeatmapCanvas({ sim, lane = 0, version, label, size = 60, minIntervalMs = GRID_MIN_INTERVAL_MS }: { sim: Simulation; lane?: number; version: number; label: string; size?: number; minIntervalMs?: number }) {
  const cache = useRef<GridCache>({ sim: null, version: -1, at: -Infinity, probs: new Float64Array(0), image: null, pixels: null });
  const [, redraw] = useState(0);
  const trailing = useRef(0);
  useEffect(() => () => window.clearTimeout(trailing.current), []);
  const ref = useCanvas((ctx, w, h) => {
    const c = cache.current;
    const now = performance.now();
    const changed = c.sim !== sim || c.version !== version;
    const resized = c.probs.length !== size * size;
    if (resized || c.sim !== sim || (changed && now - c.at >= minIntervalMs)) {
      if (resized) {
        c.probs = new Float64Array(size * size);
        c.pixels = document.createElement("canvas");
        c.pixels.width = size;
        c.pixels.height = size;
        c.image = c.pixels.getContext("2d")!.createImageData(size, size);
      }
      decisionGrid(sim, lane, size, 2, c.probs);
      paintProbabilities(c.probs, size, c.image!);
      c.pixels!.getContext("2d")!.putImageData(c.image!, 0, 0);
      c.sim = sim;
      c.version = version;
      c.at = now;
    } else if (changed && trailing.current === 0) {
      // Skipped for now: make sure the latest state is drawn when the interval is over.
      trailing.current = window.setTimeout(() => {
        trailing.current = 0;
        redraw((n) => n + 1);
      }, minIntervalMs - (now - c.at));
    }
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(c.pixels!, 0, 0, w, h);
    const d = sim.dataset;
    const px = (x: number) => ((x + 2) / 4) * w;
    const py = (y: number) => h - ((y + 2) / 4) * h;
    const r = 4 * markScale(w);
    for (let i = 0; i < d.nTrain; i++) dot(ctx, px(d.trainX[2 * i]), py(d.trainX[2 * i + 1]), r, d.trainY[i] === 1 ? "#1d4ed8" : "#c2410c", "white");
  }, version);
  return <canvas ref={ref} className="plot square" role="img" aria-label={label} />;
}

/** The network of the last training step, dropped units greyed out. */
export function NetworkCanvas({ sim, version, label }: { sim: Simulation; version: number; label: string }) {
  const ref = useCanvas((ctx, w, h) => {
    const sizes = sim.lanes[0].net.sizes;
    const mask = dropoutMask(sim);
    const cols = sizes.length;
    const pos = sizes.map((n, l) => Array.from({ length: n }, (_, i) => ({ x: 20 + (l * (w - 40)) / (cols - 1), y: ((i + 1) * h) / (n + 1) })));
    // All edges in one path, stroked once: a 2-32-32-1 network has 1,088 of them.
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = "rgba(107,114,128,0.18)";
    ctx.beginPath();
    for (let l = 0; l < cols - 1; l++) {
      for (const a of pos[l]) for (const b of pos[l + 1]) {
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
    }
    ctx.stroke();
    pos.forEach((layer, l) => layer.forEach((p, i) => {
      const hidden = l > 0 && l < cols - 1;
      const kept = !hidden || mask[l - 1]?.[i] === 1;
      dot(ctx, p.x, p.y, Math.max(2.5, Math.min(7, h / (2.5 * layer.length))), kept ? (hidden ? BLUE : INK) : "#e5e7eb", kept ? "white" : GREY);
    }));
  }, version);
  return <canvas ref={ref} className="plot" role="img" aria-label={label} />;
}

/** Loss ellipses, the L1 diamond and the L2 circle at the current λ, and where each touches. */
export function GeometryCanvas({ sim, version, label }: { sim: Simulation; version: number; label: string }) {
  const ref = useCanvas((ctx, w, h) => {
    const g = geometry(sim);
    const span = 2.2;
    const px = (x: number) => w / 2 + (x / span) * (w / 2);
    const py = (y: number) => h / 2 - (y / span) * (h / 2);
    ctx.strokeStyle = "#e5e7eb";
    ctx.beginPath();
    ctx.moveTo(0, h / 2); ctx.lineTo(w, h / 2); ctx.moveTo(w / 2, 0); ctx.lineTo(w / 2, h);
    ctx.stroke();
    // Ellipses through the two touching points: (w − ŵ)ᵀA(w − ŵ) = level − min.
    const [a, b, , d] = g.hessian;
    const drawEllipse = (level: number, color: string) => {
      const k = level - g.minLoss;
      if (!(k > 0)) return;
      ctx.strokeStyle = color;
      ctx.beginPath();
      for (let t = 0; t <= 64; t++) {
        const th = (t / 64) * 2 * Math.PI;
        const ux = Math.cos(th);
        const uy = Math.sin(th);
        const q = a * ux * ux + 2 * b * ux * uy + d * uy * uy;
        const r = Math.sqrt(k / q);
        const X = px(g.center[0] + r * ux);
        const Y = py(g.center[1] + r * uy);
        if (t === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
      }
      ctx.stroke();
    };
    for (const f of [0.25, 0.5]) drawEllipse(g.minLoss + f * (g.l2.loss - g.minLoss), "rgba(107,114,128,0.5)");
    drawEllipse(g.l1.loss, ORANGE);
    drawEllipse(g.l2.loss, BLUE);
    ctx.lineWidth = 2 * markScale(w);
    ctx.strokeStyle = ORANGE;
    const r1 = g.l1.radius;
    ctx.beginPath();
    ctx.moveTo(px(r1), py(0)); ctx.lineTo(px(0), py(r1)); ctx.lineTo(px(-r1), py(0)); ctx.lineTo(px(0), py(-r1)); ctx.closePath();
    ctx.stroke();
    ctx.strokeStyle = BLUE;
    ctx.beginPath();
    ctx.ellipse(px(0), py(0), (g.l2.radius / span) * (w / 2), (g.l2.radius / span) * (h / 2), 0, 0, 7);
    ctx.stroke();
    for (const [p, color] of [[g.l1.weights, ORANGE], [g.l2.weights, BLUE], [g.center, INK]] as const) dot(ctx, px(p[0]), py(p[1]), 5 * markScale(w), color);
  }, version);
  return <canvas ref={ref} className="plot square" role="img" aria-label={label} />;
}
