"use client";
import { useEffect, useRef, useState } from "react";
import { resume, snapshot, Simulation, type Keyframe } from "@livelab/core/sim";
import { stepAt, type Timeline } from "@livelab/core/timeline";
import type { LossHistory } from "@livelab/core/protocol";
import type { ServerClock } from "./clock";

export interface LaneHistory {
  label: string;
  train: number[];
  val: number[];
  l2: number[];
}

export interface LockstepView {
  sim: Simulation | null;
  step: number;
  hash: string;
  steps: number[];
  lanes: LaneHistory[];
  /** Bumped whenever something visible changed (drives re-rendering). */
  version: number;
}

/**
 * The newest frame's computed step and the step the class's clock asked for, readable by a test
 * or benchmark at any instant (the DOM's data-step is only refreshed with the view, ~20 times a second).
 */
export interface LockstepProbe {
  step: number;
  target: number;
}
declare global {
  interface Window {
    __livelabLockstep?: LockstepProbe;
  }
}

/** The server's state at a step, with the loss history up to it (a late screen's chart starts full). */
export type KeyframeFetch = (step: number) => Promise<{ keyframe: Keyframe; changes: Timeline["changes"]; revision: number; history?: LossHistory } | null>;

const FRAME_BUDGET_MS = 8;
/**
 * A device behind the class by more than CATCH_UP_GAP steps (a slow phone after a new activity
 * or a stall) computes for up to CATCH_UP_BUDGET_MS per frame and redraws at most every
 * CATCH_UP_DRAW_MS, so it spends its CPU on catching up rather than on drawing steps already past.
 */
const CATCH_UP_GAP = 10;
const CATCH_UP_BUDGET_MS = 30;
const CATCH_UP_DRAW_MS = 250;
/** While playing, metrics (a loss over the whole data set per lane) are recorded at most this often. */
const RECORD_MIN_INTERVAL_MS = 33;
/** Local snapshots every this many steps, so small rewinds (a pause, a λ change) replay little. */
const SNAPSHOT_EVERY = 25;
/** While catching up, the loss history gets about this many points per run (a chart, not one dot per frame). */
const HISTORY_POINTS = 300;

/**
 * Keeps a local copy of the class's simulation at the step the shared timeline says, every
 * animation frame: stepAt(timeline, serverNow). Parameter changes appended at or after the
 * local step are applied in place; anything else (seek back, reset, a new activity) rebuilds.
 * A device too far behind to catch up within a second asks the server for a keyframe.
 */
export function useLockstep(timeline: Timeline | null, clock: ServerClock | null, fetchKeyframe?: KeyframeFetch): LockstepView {
  const [view, setView] = useState<LockstepView>({ sim: null, step: 0, hash: "", steps: [], lanes: [], version: 0 });
  const ref = useRef<{ sim: Simulation | null; base: string; changes: string; history: LockstepView; fetching: boolean; stepsPerMs: number; lastDraw: number; lastRecord: number; dirty: boolean; snaps: Keyframe[] }>({
    sim: null, base: "", changes: "[]", history: view, fetching: false, stepsPerMs: 0.5, lastDraw: 0, lastRecord: 0, dirty: false, snaps: [],
  });

  useEffect(() => {
    if (!timeline || !clock) return;
    let raf = 0;
    let alive = true;
    const st = ref.current;
    const reset = () => {
      st.sim = Simulation.create({ presetId: timeline.presetId, params: timeline.params, seed: timeline.seed, changes: timeline.changes });
      st.changes = JSON.stringify(timeline.changes);
      st.snaps = [snapshot(st.sim)];
      st.history = { sim: st.sim, step: 0, hash: "", steps: [], lanes: st.sim.preset.lanes.map((l) => ({ label: l.label, train: [], val: [], l2: [] })), version: st.history.version + 1 };
    };
    /**
     * Go back to the newest local snapshot at or before `limit` (bit-identical to replaying
     * from 0) and forget the history after it; without one, start over.
     */
    const rewind = (limit: number) => {
      st.snaps = st.snaps.filter((k) => k.step <= limit);
      const kf = st.snaps.at(-1);
      if (!kf) return reset();
      st.sim = resume(kf, timeline.changes);
      st.changes = JSON.stringify(timeline.changes);
      const h = st.history;
      let n = h.steps.length;
      while (n > 0 && h.steps[n - 1] >= kf.step) n--;
      st.history = { ...h, sim: st.sim, step: kf.step, hash: "", steps: h.steps.slice(0, n), lanes: h.lanes.map((l) => ({ ...l, train: l.train.slice(0, n), val: l.val.slice(0, n), l2: l.l2.slice(0, n) })), version: h.version + 1 };
    };
    const base = JSON.stringify([timeline.activityId, timeline.presetId, timeline.params, timeline.seed]);
    if (st.base !== base || !st.sim) {
      st.base = base;
      reset();
    } else if (JSON.stringify(timeline.changes) !== st.changes) {
      // Only appended changes at or after the current step can be applied without replaying.
      const old = JSON.parse(st.changes) as Timeline["changes"];
      const prefixSame = old.length <= timeline.changes.length && old.every((c, i) => JSON.stringify(c) === JSON.stringify(timeline.changes[i]));
      const added = timeline.changes.slice(old.length);
      if (prefixSame && added.every((c) => c.step >= st.sim!.step)) {
        for (const c of added) st.sim!.addChange(c);
        st.changes = JSON.stringify(timeline.changes);
      } else {
        // A change before our step (we ran slightly ahead of the server): rewind to just before it.
        let first = 0;
        while (first < Math.min(old.length, timeline.changes.length) && JSON.stringify(old[first]) === JSON.stringify(timeline.changes[first])) first++;
        const firstStep = Math.min(...[...old.slice(first), ...timeline.changes.slice(first)].map((c) => c.step));
        rewind(firstStep - 1);
      }
    }

    const record = (sim: Simulation) => {
      const m = sim.metrics();
      const h = st.history;
      if (h.steps.at(-1) === sim.step) return m.weightsHash; // already recorded while catching up
      h.steps.push(sim.step);
      m.lanes.forEach((l, i) => {
        h.lanes[i].train.push(l.trainLoss);
        h.lanes[i].val.push(l.valLoss);
        h.lanes[i].l2.push(l.l2NormSq);
      });
      // Keep charts light on long runs: thin out to at most ~1500 points.
      if (h.steps.length > 3000) {
        const keep = (a: number[]) => a.filter((_, i) => i % 2 === 0);
        h.steps = keep(h.steps);
        h.lanes = h.lanes.map((l) => ({ ...l, train: keep(l.train), val: keep(l.val), l2: keep(l.l2) }));
      }
      return m.weightsHash;
    };

    const frame = () => {
      if (!alive) return;
      const sim = st.sim!;
      const target = stepAt(timeline, clock.now());
      if (target < sim.step) rewind(target);
      const s = st.sim!;
      const gap = target - s.step;
      if (gap > 0) {
        // Far behind (a late joiner, a slow phone): fetch a keyframe instead of replaying.
        if (fetchKeyframe && !st.fetching && gap / st.stepsPerMs > 1000) {
          st.fetching = true;
          void fetchKeyframe(target).then((kf) => {
            st.fetching = false;
            if (!kf || !alive || kf.revision !== timeline.revision) return;
            st.sim = resume(kf.keyframe, kf.changes);
            st.changes = JSON.stringify(timeline.changes);
            st.snaps = [snapshot(st.sim)];
            // The chart up to the keyframe comes from the server (the same numbers this device
            // would have computed): a reloaded or late phone draws the whole run, not a stub.
            if (kf.history) {
              const h = kf.history;
              st.history = {
                ...st.history, sim: st.sim, step: kf.keyframe.step, hash: "", steps: [...h.steps],
                lanes: st.sim.preset.lanes.map((l, i) => ({ label: l.label, train: [...(h.lanes[i]?.train ?? [])], val: [...(h.lanes[i]?.val ?? [])], l2: [...(h.lanes[i]?.l2 ?? [])] })),
                version: st.history.version + 1,
              };
            }
          });
        }
        const t0 = performance.now();
        const catchingUp = gap > CATCH_UP_GAP;
        const budget = catchingUp ? CATCH_UP_BUDGET_MS : FRAME_BUDGET_MS;
        // About HISTORY_POINTS per run, like the server's history: recording is a loss over the
        // whole data set per lane, so a slow phone catching up must not pay it every step.
        const stride = Math.max(1, Math.ceil(timeline.maxSteps / HISTORY_POINTS));
        let n = 0;
        while (s.step < target && performance.now() - t0 < budget) {
          s.stepOnce();
          n++;
          if (s.step % SNAPSHOT_EVERY === 0 && (st.snaps.at(-1)?.step ?? -1) < s.step) st.snaps.push(snapshot(s));
          // Replaying many steps in one frame: keep points along the way so the chart has its shape.
          if (catchingUp && s.step % stride === 0 && s.step < target) record(s);
        }
        const dt = performance.now() - t0;
        if (n > 0 && dt > 0) st.stepsPerMs = 0.8 * st.stepsPerMs + 0.2 * (n / dt);
      }
      window.__livelabLockstep = { step: s.step, target };
      const now = performance.now();
      const due = !timeline.playing || now - st.lastRecord >= RECORD_MIN_INTERVAL_MS || s.step >= timeline.maxSteps;
      if ((s.step !== st.history.step && due) || st.history.hash === "") {
        st.lastRecord = now;
        const hash = record(s);
        st.history = { ...st.history, sim: s, step: s.step, hash, version: st.history.version + 1 };
        // Redraw at most ~20 times a second while playing (charts are the costly part on a
        // phone); a paused timeline shows its exact step at once.
        st.dirty = true;
      }
      const drawEvery = target - s.step > CATCH_UP_GAP ? CATCH_UP_DRAW_MS : 50;
      if (st.dirty && (!timeline.playing || now - st.lastDraw > drawEvery || s.step >= timeline.maxSteps)) {
        st.dirty = false;
        st.lastDraw = now;
        setView(st.history);
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => {
      alive = false;
      cancelAnimationFrame(raf);
    };
  }, [timeline, clock, fetchKeyframe]);

  return view;
}
