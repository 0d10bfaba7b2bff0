"use client";
import type { Timeline } from "@livelab/core/timeline";
import type { LockstepView } from "../lib/useLockstep";
import { LossChart } from "./LossChart";
import { BarsCanvas, CurveCanvas, GeometryCanvas, HeatmapCanvas, NetworkCanvas } from "./canvases";
import { PathsChart } from "./PathsChart";
import { ADAM_CAPTION, bestStepMarkers, earlyStopNote, lossSeries, paramChips, PLAY_STATE_TEXT, playState, storyCaption } from "./simStory";

const COLORS = ["#2563eb", "#ea580c", "#16a34a", "#9333ea"];
/**
 * A phone's budget (bench:phone, 6×-throttled): its decision grid is recomputed at most 5 times
 * a second and its 1,088-edge network redrawn every 4th view update while playing (~5 a second;
 * a paused step is drawn at once), so a slow
 * phone spends its time keeping step with the class rather than repainting what barely moved.
 */
const PHONE_GRID_MS = 200;
const NETWORK_EVERY = 4;

/**
 * The class's simulation on a phone or the console (the projector has its own layout,
 * stage/StageSim.tsx), drawn from the local lockstep copy. `data-step` / `data-hash` expose
 * what this device computed, so tests (and curious engineers) can compare devices.
 */
export function SimView({ view, timeline, logScale = false, teacher = false }: { view: LockstepView; timeline: Timeline; logScale?: boolean; teacher?: boolean }) {
  const sim = view.sim;
  // Draw what the local simulation is (for a frame after a new activity, it is still the old one).
  const presetId = sim?.preset.id ?? timeline.presetId;
  const lam = sim ? paramChips(sim) : [];
  const lanes = view.lanes;
  const h = 200;
  const m = sim?.metrics();
  const note = sim && m ? earlyStopNote(sim, m) : null;
  const state = playState(timeline, view.step);
  return (
    <section className="sim" data-step={view.step} data-hash={view.hash} data-revision={timeline.revision} data-points={view.steps.length} aria-label="simulation">
      <div className="sim-status" aria-live="off">
        <span className={`badge ${state === "playing" ? "badge-live" : state === "finished" ? "badge-done" : ""}`} data-role="play-state">{PLAY_STATE_TEXT[state]}</span>
        <span>step {view.step} / {timeline.maxSteps}</span>
        {timeline.speed !== 1 && <span>{timeline.speed}×</span>}
        {lam.map((t) => <span key={t} className="param">{t}</span>)}
        {m && m.bestStep !== undefined && <span className="param">best step {m.bestStep}</span>}
        {note && <span className="param">stopped: weights of step {m?.bestStep} restored</span>}
      </div>
      {!sim ? <p>Loading the simulation…</p> : (
        <div className="sim-grid">
          {(presetId === "overfit-poly" || presetId === "early-stopping" || presetId === "lambda-experiment") && (
            <>
              <figure><figcaption>Fitted curve (black: training points, orange: validation)</figcaption><CurveCanvas sim={sim} version={view.version} label={`fitted polynomial at step ${view.step}`} /></figure>
              <figure><figcaption>Coefficients</figcaption><BarsCanvas sim={sim} version={view.version} label="coefficient bars" /></figure>
            </>
          )}
          {presetId === "sparse-linear" && (
            <figure><figcaption>Weights (green outline: true relevant weights; ○ exactly 0) — zeros: {m?.zeroWeights}</figcaption><BarsCanvas sim={sim} version={view.version} label="weight bars" /></figure>
          )}
          {(presetId === "l1-vs-l2" || presetId === "constraint-geometry") && m && m.lanes.map((l, i) => (
            <figure key={l.lane}><figcaption>{l.label}: {l.zeroWeights} exact zeros</figcaption><BarsCanvas sim={sim} lane={i} version={view.version} label={`${l.label} weights`} /></figure>
          ))}
          {(presetId === "l1-vs-l2" || presetId === "sparse-linear") && <PathsChart sim={sim} />}
          {presetId === "constraint-geometry" && (
            <figure><figcaption>Loss ellipses; orange: L1 diamond, blue: L2 circle</figcaption><GeometryCanvas sim={sim} version={view.version} label="constraint geometry" /></figure>
          )}
          {presetId === "dropout-moons" && (
            <>
              <figure><figcaption>Decision boundary</figcaption><HeatmapCanvas sim={sim} version={view.version} label="decision boundary heatmap" size={50} minIntervalMs={PHONE_GRID_MS} /></figure>
              <figure><figcaption>Thinned network (grey: dropped this step)</figcaption><NetworkCanvas sim={sim} version={timeline.playing ? Math.floor(view.version / NETWORK_EVERY) : view.version} label="network with dropped units" /></figure>
            </>
          )}
          {presetId === "adam-vs-adamw" && (
            <>
              <figure className="wide">
                <figcaption>Decision boundaries, left: {lanes[0]?.label}, right: {lanes[1]?.label}</figcaption>
                <div className="lanes-pair">
                  {lanes.map((l, i) => <HeatmapCanvas key={l.label} sim={sim} lane={i} version={view.version} label={`decision boundary, ${l.label}`} size={50} minIntervalMs={PHONE_GRID_MS} />)}
                </div>
              </figure>
              <figure><figcaption>Weight norm ‖w‖² of each network</figcaption><LossChart title="" yLabel="‖w‖²" steps={view.steps} height={h} series={lanes.map((l, i) => ({ label: l.label, values: l.l2, color: COLORS[i] }))} /></figure>
              {/* The teacher may read why at any time; students once the run has shown it (it answers the prediction). */}
              {(teacher ? ADAM_CAPTION : sim && storyCaption(sim, view.step, timeline.maxSteps)) && <p className="sim-note wide">{teacher ? ADAM_CAPTION : storyCaption(sim!, view.step, timeline.maxSteps)}</p>}
            </>
          )}
          <figure className="wide"><figcaption>Losses: training (solid) and validation (dashed); drag to zoom, double-click to reset</figcaption><LossChart title="" steps={view.steps} height={h} log={logScale} series={lossSeries(lanes, COLORS)} markers={m ? bestStepMarkers(m) : []} /></figure>
          {note && <p className="sim-note wide">{note}</p>}
        </div>
      )}
    </section>
  );
}
