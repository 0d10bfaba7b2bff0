"use client";
import type { StageView } from "@livelab/core/protocol";
import type { ServerClock } from "../../lib/clock";
import { Tex } from "../../lib/tex";
import { useLockstep, type KeyframeFetch } from "../../lib/useLockstep";
import { ExperimentPlot } from "../ExperimentPlot";
import { paramChips, playState } from "../simStory";
import { JoinCard, JoinStrip } from "./JoinCard";
import { StageQuestion } from "./StageQuestion";
import { StageSim } from "./StageSim";
import { StageSummary } from "./StageSummary";
import { useAxisFont } from "./useViewport";
import "./stage.css";

/**
 * The projector: one stage mode at a time, each filling a 16:9 screen without scrolling, all
 * sized in viewport units (1280×720 looks like 1920×1080). Which mode shows is decided by the
 * server's stage view alone (blank, join card, a question, a simulation, the experiment, the
 * summary), so every screen showing this session shows the same thing.
 */
export function Stage({ stage, joinUrl, clock, fetchKeyframe }: { stage: StageView; joinUrl: string | null; clock: ServerClock | null; fetchKeyframe?: KeyframeFetch }) {
  const lockstep = useLockstep(stage.timeline, clock, fetchKeyframe);
  const font = useAxisFont();
  if (stage.blank) return <main className="stage stage-blank" aria-label="projector, blank while the teacher talks" data-mode="blank" />;
  if (stage.summary) return <main className="stage" data-mode="summary"><StageSummary summary={stage.summary} /></main>;
  if (stage.joinCard) return <main className="stage" data-mode="join"><JoinCard stage={stage} joinUrl={joinUrl} /></main>;
  const a = stage.activity;
  const q = stage.question;
  const t = stage.timeline;
  const mode = q && t ? "question-sim" : q ? "question" : stage.experiment ? "experiment" : t ? "simulation" : "activity";
  return (
    <main className="stage" data-mode={mode}>
      <header className="strip">
        <span className="strip-activity"><span className="strip-count">{a.index + 1} / {a.count}</span> <h1>{a.title}</h1></span>
        {t && lockstep.sim && (
          <span className="strip-sim" aria-label="simulation status">
            <StripPlayState state={playState(t, lockstep.step)} step={lockstep.step} maxSteps={t.maxSteps} />
            {t.speed !== 1 && <span>{t.speed}×</span>}
            {paramChips(lockstep.sim).map((c) => <span key={c}>{c}</span>)}
          </span>
        )}
        {stage.paused && <span className="strip-paused" role="status">Paused</span>}
        <JoinStrip code={stage.code} joinUrl={joinUrl} />
      </header>
      <div className="stage-body">
        {mode === "question-sim" && q && t && (
          <div className="split">
            <StageQuestion q={q} clock={clock} compact />
            <StageSim view={lockstep} timeline={t} compact />
          </div>
        )}
        {mode === "question" && q && <StageQuestion q={q} clock={clock} />}
        {mode === "experiment" && stage.experiment && (
          <div className="stage-experiment">
            <figure>
              <figcaption>Our class&apos;s U-curve: validation loss against {stage.experiment.label}, one point per student</figcaption>
              <ExperimentPlot points={stage.experiment.points} fontPx={font} className="fill" label="each student's validation loss against their lambda, best marked" />
            </figure>
            <aside>
              <p className="big-number"><strong>{stage.experiment.points.length}</strong> results in</p>
              {a.body && <p><Tex text={a.body} /></p>}
            </aside>
          </div>
        )}
        {mode === "simulation" && t && <StageSim view={lockstep} timeline={t} />}
        {mode === "activity" && (
          <div className="stage-activity">
            <div>
              <p className="activity-title">{a.title}</p>
              {a.body && <p className="activity-body"><Tex text={a.body} /></p>}
            </div>
          </div>
        )}
      </div>
    </main>
  );
}

/** "▶ step 120 / 600" while playing, "❚❚ step 120 / 600" paused, "✓ finished · 600 steps" at the end. */
function StripPlayState({ state, step, maxSteps }: { state: ReturnType<typeof playState>; step: number; maxSteps: number }) {
  if (state === "finished") return <span className="sim-done" data-role="play-state">✓ finished · {maxSteps} steps</span>;
  return <span className={state === "playing" ? "live" : ""} data-role="play-state">{state === "playing" ? "▶" : "❚❚"} step {step} / {maxSteps}</span>;
}
