"use client";
import { getPreset, type ParamDef } from "@livelab/core/sim";
import type { ClientPayload, Timeline } from "@livelab/core/protocol";
import { SPEEDS } from "@livelab/core/timeline";
import { useState } from "react";
import { playState } from "../simStory";

type Send = (op: ClientPayload<"sim:control">) => void;

/**
 * Play / pause / step / seek / speed, and the live parameters this simulation is about (the
 * preset's `controls`: λ, p, … — not, say, the optimizer of a run whose two lanes fix their own).
 */
export function SimControls({ timeline, step, send }: { timeline: Timeline; step: number; send: Send }) {
  const preset = getPreset(timeline.presetId);
  const live = preset.controls.map((name) => [name, preset.params[name]] as const).filter(([, d]) => d?.live);
  return (
    <div className="card sim-controls" aria-label="simulation controls">
      <div className="row">
        <PlayButton state={playState(timeline, step)} send={send} />
        <button onClick={() => send({ op: "step", steps: -10 })} aria-label="back 10 steps">−10</button>
        <button onClick={() => send({ op: "step", steps: 1 })} aria-label="forward 1 step">+1</button>
        <button onClick={() => send({ op: "step", steps: 10 })} aria-label="forward 10 steps">+10</button>
        <button onClick={() => send({ op: "reset" })}>⟲ Reset</button>
        <span className="muted">speed</span>
        {SPEEDS.map((s) => <button key={s} aria-pressed={timeline.speed === s} onClick={() => send({ op: "speed", speed: s })} style={timeline.speed === s ? { fontWeight: 700, borderColor: "#1d4ed8" } : undefined}>{s}×</button>)}
      </div>
      <div className="row seek-row">
        <label htmlFor="seek">Step {step} of {timeline.maxSteps}{step >= timeline.maxSteps && <strong className="sim-done"> · finished</strong>}</label>
        <input id="seek" type="range" min={0} max={timeline.maxSteps} value={step} onChange={(e) => send({ op: "seek", step: Number(e.target.value) })} />
      </div>
      <div className="row">
        {live.map(([name, def]) => <ParamControl key={name} name={name} def={def} value={timeline.changes.reduce<unknown>((v, c) => (c.params as Record<string, unknown>)[name] ?? v, timeline.params[name])} send={send} />)}
      </div>
    </div>
  );
}

/** Pause while playing, Play while paused, Replay at the end (play from the end starts over). */
function PlayButton({ state, send }: { state: ReturnType<typeof playState>; send: Send }) {
  if (state === "playing") return <button onClick={() => send({ op: "pause" })}>❚❚ Pause</button>;
  return <button className="primary" onClick={() => send({ op: "play" })}>{state === "finished" ? "⟲ Replay" : "▶ Play"}</button>;
}

function ParamControl({ name, def, value, send }: { name: string; def: ParamDef; value: unknown; send: Send }) {
  const [draft, setDraft] = useState(String(value));
  const id = `param-${name}`;
  if (def.type === "enum") {
    return (
      <div className="param-control">
        <label htmlFor={id}>{def.label}</label>
        <select id={id} value={String(value)} onChange={(e) => send({ op: "set", params: { [name]: e.target.value } })}>
          {def.values.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      </div>
    );
  }
  const apply = () => {
    const v = Number(draft.replace(",", "."));
    if (Number.isFinite(v) && v >= def.min && v <= def.max) send({ op: "set", params: { [name]: v } });
  };
  return (
    <form className="param-control" onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <label htmlFor={id}>{def.label} <span className="muted">(now {String(value)})</span></label>
      <input id={id} type="text" inputMode="decimal" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">Set</button>
      {(def.scale === "log" || name === "keepProb") && (name === "keepProb" ? [1, 0.8, 0.5] : [0, 0.001, 0.01, 0.1]).map((v) => (
        <button key={v} type="button" onClick={() => { setDraft(String(v)); send({ op: "set", params: { [name]: v } }); }}>{v}</button>
      ))}
    </form>
  );
}
