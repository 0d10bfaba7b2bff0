"use client";
import type { LessonPreview } from "@livelab/core/session";
import type { Timeline } from "@livelab/core/timeline";
import type { ServerClock } from "../../../lib/clock";
import { Tex } from "../../../lib/tex";
import { Stage } from "../../stage/Stage";
import { LazyLockstep } from "../../student/LazyLockstep";
import { QuestionCard } from "../../student/QuestionCard";

/**
 * The preview's two screens: thin wrappers that feed the live class's own components (the
 * phone's QuestionCard and LazyLockstep/StudentSim, the projector's Stage) with what the server's
 * preview sent — so the preview changes whenever those components do. The phone's layout
 * around them mirrors StudentApp's.
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
          <QuestionCard key={`${q.questionId}${q.view.prompt}${q.status}`} q={q} clock={localClock} participantId="preview-student" save={q.attemptsUsed > 0 ? { kind: "saved", attempt: q.attemptsUsed } : { kind: "idle" }} onSubmit={(a) => onTry(q.questionId, a)} />
        ))}
        {s.questions.length === 0 && !timeline && !s.activity.experiment && <p className="card">Waiting for the teacher…</p>}
      </main>
    </div>
  );
}

/**
 * The projector: the live class's stage itself, fed the stage view the server computed for the
 * preview (with the preview's own play/pause timeline).
 */
export function ProjectorScreen({ preview, timeline }: { preview: LessonPreview; timeline: Timeline | null }) {
  return <div data-testid="projector-preview"><Stage stage={{ ...preview.projector, timeline }} joinUrl={null} clock={localClock} /></div>;
}
