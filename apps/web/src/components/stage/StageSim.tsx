"use client";
import type { ReactNode } from "react";
import { geometry } from "@livelab/core/sim";
import type { Timeline } from "@livelab/core/timeline";
import type { LockstepView } from "../../lib/useLockstep";
import { BarsCanvas, CurveCanvas, GeometryCanvas, HeatmapCanvas, NetworkCanvas } from "../canvases";
import { LossChart, type Series } from "../LossChart";
import { PathsChart } from "../PathsChart";
import { bestStepMarkers, earlyStopNote, lossSeries, storyCaption } from "../simStory";
import { useAxisFont } from "./useViewport";

const COLORS = ["#2563eb", "#ea580c", "#16a34a", "#9333ea"];
/** Three significant digits; 0 as "0"; very small values in scientific notation. */
const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x === 0 ? "0" : Math.abs(x) < 0.001 ? x.toExponential(1) : String(Number(x.toPrecision(3))));

/**
 * A simulation on the projector: one dominant plot on the left (at least half the screen's
 * width, the full height below the strip), at most two companions on the right and the one or
 * two numbers that carry the story. `compact` is the same beside an open question.
 */
export function StageSim({ view, timeline, compact = false }: { view: LockstepView; timeline: Timeline; compact?: boolean }) {
  const font = useAxisFont();
  const sim = view.sim;
  if (!sim) return <p className="stage-loading">Loading the simulation…</p>;
  const m = sim.metrics();
  const lanes = view.lanes;
  const chart = (series: Series[], yLabel = "loss", markers = bestStepMarkers(m)) => (
    <LossChart title="" steps={view.steps} series={series} fill fontPx={font} yLabel={yLabel} markers={markers} legend={false} />
  );
  // Several lanes: one colour per lane, and the line style says training or validation.
  const ink = "#334155";
  const legend: Series[] = lanes.length > 1
    ? [...lanes.map((l, i) => ({ label: l.label, values: [], color: COLORS[i] })), { label: "training", values: [], color: ink }, { label: "validation", values: [], color: ink, dash: [6, 4] }]
    : lossSeries(lanes, COLORS);
  const lossTitle = <>Loss <Legend series={legend} /></>;
  const losses = chart(lossSeries(lanes, COLORS));
  let main: ReactNode;
  let side: ReactNode[] = [];
  let numbers: [string, string][] = [];
  let caption: string | null = null;
  switch (sim.preset.id) {
    case "overfit-poly":
    case "early-stopping":
    case "lambda-experiment":
      main = <Figure title="Fitted curve · black: training points · orange: validation points"><CurveCanvas sim={sim} version={view.version} label={`fitted polynomial at step ${view.step}`} /></Figure>;
      side = [<Figure key="l" title={lossTitle}>{losses}</Figure>, <Figure key="c" title="Coefficients">{<BarsCanvas sim={sim} version={view.version} label="coefficient bars" />}</Figure>];
      numbers = [["training loss", fmt(m.trainLoss)], ["validation loss", fmt(m.valLoss)]];
      if (m.bestStep !== undefined) numbers.push(["best step", `${m.bestStep} (${fmt(m.bestValLoss)})`]);
      caption = earlyStopNote(sim, m);
      break;
    case "l1-vs-l2":
      main = (
        <Figure title="Weights (○: exactly 0)">
          <div className="lanes">
            {m.lanes.map((l, i) => <div key={l.lane}><p className="lane-title">{l.label}: <strong>{l.zeroWeights}</strong> exact zeros</p><BarsCanvas sim={sim} lane={i} version={view.version} label={`${l.label} weights`} /></div>)}
          </div>
        </Figure>
      );
      side = [<Figure key="l" title={lossTitle}>{losses}</Figure>, <Figure key="p" title="Lasso path: weights against log₁₀ λ">{<PathsChart sim={sim} only="l1" fontPx={font} fill />}</Figure>];
      numbers = m.lanes.map((l) => [`${l.label} validation loss`, fmt(l.valLoss)]);
      break;
    case "constraint-geometry": {
      const g = geometry(sim);
      main = <Figure title="Loss ellipses; orange: L1 diamond, blue: L2 circle" square><GeometryCanvas sim={sim} version={view.version} label="constraint geometry" /></Figure>;
      side = [
        <Figure key="b" title="Weights (○: exactly 0)"><div className="lanes">{m.lanes.map((l, i) => <div key={l.lane}><p className="lane-title">{l.label}</p><BarsCanvas sim={sim} lane={i} version={view.version} label={`${l.label} weights`} /></div>)}</div></Figure>,
      ];
      numbers = [["L1 optimum (w₁, w₂)", `(${fmt(g.l1.weights[0])}, ${fmt(g.l1.weights[1])})`], ["L2 optimum (w₁, w₂)", `(${fmt(g.l2.weights[0])}, ${fmt(g.l2.weights[1])})`]];
      break;
    }
    case "sparse-linear":
      main = <Figure title={`Weights (green outline: the truly relevant ones; ○ exactly 0): ${m.zeroWeights} exact zeros`}><BarsCanvas sim={sim} version={view.version} label="weight bars" /></Figure>;
      side = [<Figure key="l" title={lossTitle}>{losses}</Figure>, <Figure key="p" title="Lasso path: weights against log₁₀ λ">{<PathsChart sim={sim} only="l1" fontPx={font} fill />}</Figure>];
      numbers = [["exact zeros", String(m.zeroWeights)], ["validation loss", fmt(m.valLoss)]];
      break;
    case "dropout-moons":
      main = <Figure title="Decision boundary (blue and orange points: the two classes)" square><HeatmapCanvas sim={sim} version={view.version} label="decision boundary heatmap" size={compact ? 60 : 80} /></Figure>;
      side = [<Figure key="n" title="This step's thinned network (grey: dropped)"><NetworkCanvas sim={sim} version={view.version} label="network with dropped units" /></Figure>, <Figure key="l" title={lossTitle}>{losses}</Figure>];
      numbers = [["training loss", fmt(m.trainLoss)], ["validation loss", fmt(m.valLoss)]];
      break;
    case "adam-vs-adamw":
      {
        const norms = lanes.map((l, i) => ({ label: l.label, values: l.l2, color: COLORS[i] }));
        main = <Figure title={<>Weight norm ‖w‖² <Legend series={norms} /></>}>{chart(norms, "‖w‖²", [])}</Figure>;
      }
      side = [
        <Figure key="b" title="Decision boundaries"><div className="lanes lanes-row">{lanes.map((l, i) => <div key={l.label}><p className="lane-title">{l.label}</p><HeatmapCanvas sim={sim} lane={i} version={view.version} label={`decision boundary, ${l.label}`} size={48} /></div>)}</div></Figure>,
        <Figure key="l" title={lossTitle}>{losses}</Figure>,
      ];
      numbers = m.lanes.map((l) => [`‖w‖², ${l.label}`, fmt(l.l2NormSq)]);
      caption = storyCaption(sim, view.step, timeline.maxSteps);
      break;
    default:
      main = <Figure title="Loss">{losses}</Figure>;
  }
  if (compact) {
    // Beside a question: the main plot, one companion and the two numbers that matter most.
    side = side.slice(0, 1);
    numbers = numbers.slice(0, 2);
  }
  return (
    <section className={`stage-sim${compact ? " compact" : ""}`} aria-label="simulation" data-step={view.step} data-hash={view.hash} data-revision={timeline.revision} data-points={view.steps.length}>
      <div className="stage-main">{main}</div>
      <div className="stage-side">
        {side}
        {numbers.length > 0 && (
          <dl className="numbers">{numbers.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
        )}
        {caption && !compact && <p className="sim-caption">{caption}</p>}
      </div>
    </section>
  );
}

/** Which line is which, in the caption (the chart's own legend would take a row of the screen). */
function Legend({ series }: { series: Series[] }) {
  return (
    <span className="legend">
      {series.map((s) => (
        <span key={s.label}><svg width="1.6em" height="0.6em" viewBox="0 0 32 12" aria-hidden="true"><line x1="0" y1="6" x2="32" y2="6" stroke={s.color} strokeWidth="4" strokeDasharray={s.dash?.length ? "7 5" : undefined} /></svg>{s.label}</span>
      ))}
    </span>
  );
}

function Figure({ title, children, square = false }: { title: ReactNode; children: ReactNode; square?: boolean }) {
  return (
    <figure className={square ? "square" : undefined}>
      <figcaption>{title}</figcaption>
      <div className="figure-body">{children}</div>
    </figure>
  );
}
