"use client";
import type { LessonPreview } from "@livelab/core/session";
import type { Timeline } from "@livelab/core/timeline";
import type { ServerClock } from "../../../lib/clock";
import { Tex } from "../../../lib/tex";
import { useLockstep } from "../../../lib/useLockstep";
import { SimView } from "../../SimView";
import { LazyLockstep } from "../../student/LazyLockstep";
import { QuestionCard } from "../../student/QuestionCard";
import { ExperimentPlot, Histogram } from "../../teacher/charts";

/**
 * The preview's two screens: thin wrappers that feed the live class's own components
 * (QuestionCard, LazyLockstep/StudentSim, SimView, Histogram, ExperimentPlot, Tex) with what the
 * server's preview sent — so the preview changes whenever those components do. The layout
 * around them mirrors StudentApp's and Projector's.
 */

/** The preview has no server clock: the simulation runs on this device's time (there is no class to keep in step with). */
export const localClock = { now: () => Date.now() } as unknown as ServerClock;

export function PhoneScreen({ preview, timeline, onTry }: { preview: LessonPreview; timeline: Timeline | null; onTry: (questionId: string, answer: string | string[]) => void }) {
  const s = preview.phone;
  return (
    <div className="phone-screen" data-testid="phone-preview">
      <header className="topbar"><span className="brand">LiveLab</span><span>Sample student</span></header>
      <main className="narrow">
        <p className="muted">Activity {s.activity.index + 1} of {s.activity.count}</p>
        <h1>{s.activity.title}</h1>
        {s.activity.body && <p><Tex text={s.activity.body} /></p>}
        {timeline && <LazyLockstep timeline={timeline} clock={localClock} fetchKeyframe={undefined} />}
        {s.activity.experiment && <p className="card">Each student chooses {s.activity.experiment.label} here; the server trains their choice and shows their validation loss.</p>}
        {s.questions.map((q) => (
          <QuestionCard key={`${q.questionId}${q.view.prompt}${q.status}`} q={q} save={q.attemptsUsed > 0 ? { kind: "saved", attempt: q.attemptsUsed } : { kind: "idle" }} onSubmit={(a) => onTry(q.questionId, a)} />
        ))}
        {s.questions.length === 0 && !timeline && !s.activity.experiment && <p className="card">Waiting for the teacher…</p>}
      </main>
    </div>
  );
}

function ProjectorSim({ timeline }: { timeline: Timeline }) {
  const view = useLockstep(timeline, localClock);
  return <SimView view={view} timeline={timeline} large />;
}

export function ProjectorScreen({ preview, timeline }: { preview: LessonPreview; timeline: Timeline | null }) {
  const { activity, progress } = preview.projector;
  const s = preview.phone;
  return (
    <main className="wrap projector" data-testid="projector-preview">
      <h1>{activity.title}</h1>
      {s.activity.body && <p><Tex text={s.activity.body} /></p>}
      {timeline && <ProjectorSim timeline={timeline} />}
      {s.activity.experiment && (
        <section className="card">
          <h2>Our class&apos;s U-curve: validation loss against λ</h2>
          <ExperimentPlot points={[]} label="each student's validation loss against their lambda, best marked" />
        </section>
      )}
      {progress.filter((p) => p.answered > 0).map((qp) => {
        const q = activity.questions.find((x) => x.id === qp.questionId);
        return (
          <section key={qp.questionId} className="card" aria-label="answers">
            <h2>Answers: {qp.answered} of {preview.projector.joined}</h2>
            <Histogram q={qp} options={q?.options} mistakes={q?.mistakes} />
            {qp.texts && <div className="texts">{qp.texts.map((t, i) => <blockquote key={i}>{t}</blockquote>)}</div>}
          </section>
        );
      })}
    </main>
  );
}
