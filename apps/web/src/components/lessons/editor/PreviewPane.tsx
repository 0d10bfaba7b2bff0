"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import type { LessonPreview } from "@livelab/core/session";
import { pause, play, type Timeline } from "@livelab/core/timeline";
import { Tex } from "../../../lib/tex";
import { asArray, asObj, asText, type Obj } from "./draftModel";
import { PhoneScreen, ProjectorScreen } from "./PreviewScreens";
import { describePath } from "./ProblemsPanel";
import { humanize, usePreview } from "./useServerCheck";

const PROJECTOR = { width: 1280, height: 720 };

/** The next sample student: a fixed sequence, so a preview can be shown again ("reroll" back and forth is not needed). */
const nextSeed = (s: number) => (Math.imul(s, 1103515245) + 12345) >>> 0;

/**
 * Live preview of the selected activity as a sample student's phone and as the projector show
 * it, fed by the server's preview (the class's own state machine run in memory). "Another
 * student" draws other numbers. Answering on the phone is "try an answer": the server grades
 * it as in class, and the result names the matched mistake with the feedback the student gets.
 */
export function PreviewPane({ draft, index }: { draft: Obj; index: number }) {
  const [seed, setSeed] = useState(1);
  const [student, setStudent] = useState(1);
  const [answers, setAnswers] = useState<Record<string, string | string[]>>({});
  const [screen, setScreen] = useState<"phone" | "projector">("phone");
  const [playing, setPlaying] = useState<Timeline | null>(null);
  const [enlarged, setEnlarged] = useState(false);
  const activity = asObj(asArray(draft.activities)[index]);
  const questionIds = asArray(activity.questions).map((q) => asText(asObj(q).id)).join(",");
  // A different activity, other questions or another student: start again with no answers.
  useEffect(() => { setAnswers({}); setPlaying(null); }, [index, questionIds, seed]);
  const { result, pending, error } = usePreview(draft, index, seed, answers);
  const preview = result?.ok ? result.preview : null;
  const timeline = playing ?? preview?.phone.timeline ?? null;
  const paramLabels = useMemo(() => {
    const out: Record<string, Record<string, string>> = {};
    for (const q of asArray(activity.questions).map(asObj)) out[asText(q.id)] = Object.fromEntries(Object.entries(asObj(q.params)).map(([n, spec]) => [n, asText(asObj(spec).label) || n]));
    return out;
  }, [activity.questions]);

  if (asArray(draft.activities).length === 0) return <aside className="preview-pane" aria-label="preview"><p className="muted">Add an activity to see it as students and the projector will.</p></aside>;
  return (
    <aside className="preview-pane" aria-label="preview" data-preview-seed={result?.seed ?? ""}>
      <div className="row spread">
        <h2 className="small-heading">Preview · activity {index + 1}</h2>
        <span className="muted small" aria-live="polite">{pending ? "updating…" : ""}</span>
      </div>
      <div className="row" role="tablist" aria-label="screen">
        <button role="tab" aria-selected={screen === "phone"} className={screen === "phone" ? "tab-on" : ""} onClick={() => { setScreen("phone"); setEnlarged(false); }}>Phone</button>
        <button role="tab" aria-selected={screen === "projector"} className={screen === "projector" ? "tab-on" : ""} onClick={() => setScreen("projector")}>Projector</button>
        <button onClick={() => { setSeed(nextSeed(seed)); setStudent(student + 1); }} title="Per-student numbers: see another student's">Another student</button>
        {Object.keys(answers).length > 0 && <button onClick={() => setAnswers({})}>Clear answers</button>}
        {timeline && <button onClick={() => setPlaying(timeline.playing ? pause(timeline, Date.now()) : play({ ...timeline, anchorTime: Date.now() }, Date.now()))}>{timeline.playing ? "Pause" : "Play"}</button>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {result && !result.ok && (
        <div className="card preview-blocked" role="status">
          <p><strong>The preview needs this activity fixed first:</strong></p>
          <ul>{result.errors.slice(0, 5).map((e, i) => <li key={i}>{describePath(e.path) ? `${describePath(e.path)}: ` : ""}{humanize(e.message)}</li>)}</ul>
        </div>
      )}
      {preview && (
        <>
          <StudentNumbers preview={preview} labels={paramLabels} student={student} />
          {preview.phone.questions.length > 0 && <TriedAnswers preview={preview} />}
          <div className={`preview-stage ${screen} ${enlarged ? "enlarged" : ""}`}>
            {screen === "phone" ? (
              <div className="phone-frame"><PhoneScreen preview={preview} timeline={timeline} onTry={(qid, a) => setAnswers((cur) => ({ ...cur, [qid]: a }))} /></div>
            ) : (
              <>
                <div className="row spread">
                  <span className="muted small">{projectorHint(preview)}</span>
                  <button className="small-button" onClick={() => setEnlarged(!enlarged)} aria-pressed={enlarged}>{enlarged ? "Back to the editor" : "Enlarge"}</button>
                </div>
                <ScaledProjector><ProjectorScreen preview={preview} timeline={timeline} /></ScaledProjector>
              </>
            )}
          </div>
        </>
      )}
    </aside>
  );
}

/** Who the sample student is and their numbers (the teacher sees them; students see only their own). */
function StudentNumbers({ preview, labels, student }: { preview: LessonPreview; labels: Record<string, Record<string, string>>; student: number }) {
  const sets = Object.entries(preview.params).filter(([, p]) => Object.keys(p).length > 0);
  if (sets.length === 0) return null;
  return (
    <p className="small student-numbers" data-testid="student-numbers">
      Student {student}&apos;s numbers: {sets.map(([qid, p]) => Object.entries(p).map(([n, v]) => `${labels[qid]?.[n] ?? n} = ${v}`).join(", ")).join(" · ")}
    </p>
  );
}

/** What "try an answer" found: correct, which named mistake, or why it cannot be read; and what the student is told. */
function TriedAnswers({ preview }: { preview: LessonPreview }) {
  if (preview.tried.length === 0) return <p className="muted small">Try an answer: type or choose it on the phone and send it; the server grades it as it would in class.</p>;
  return (
    <section className="tried" aria-label="tried answers" aria-live="polite">
      {preview.tried.map((t) => (
        <div key={t.questionId} className={`feedback ${t.status}`} data-testid="tried-answer" data-status={t.status} data-mistake={t.mistake?.key ?? ""}>
          <strong>{t.status === "correct" ? "Graded correct" : t.status === "ungraded" ? "Collected (not graded)" : t.status === "invalid" ? "A phone would refuse this answer" : t.mistake ? <>Matched the named mistake “{t.mistake.label}”</> : "Wrong, and no named mistake matched"}</strong>
          {t.status === "invalid" ? <p>{t.reason}</p> : <p>The student is told: <Tex text={t.feedback} /></p>}
          {t.expected && t.status !== "correct" && t.status !== "ungraded" && <ExpectedLine tried={t} shown={preview.phone.questions.find((q) => q.questionId === t.questionId)?.result?.expected} />}
        </div>
      ))}
    </section>
  );
}

/** What the projector shows now: the hint to answer goes once an answer has given it bars. */
function projectorHint(preview: LessonPreview): string {
  if (preview.phone.questions.length === 0) return "The projector at 1280×720.";
  return preview.tried.some((t) => t.status !== "invalid") ? "The projector after the reveal, with your answer in the bars." : "Answer on the phone to see the result bars here.";
}

/**
 * The expected answer as a person reads it: the formula rendered as math in the question's
 * symbols (from the server), with the sample student's value for a number question; never the
 * formula's programmer notation ("1 - 2*eta*lambda") or an option's id.
 */
function ExpectedLine({ tried: t, shown }: { tried: LessonPreview["tried"][number]; shown: string | undefined }) {
  // A number question's expected value is a plain number; an expression question's is a formula, shown as math only.
  const isNumber = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(t.expected.trim());
  if (t.expectedTex) return <p className="small">Expected: <Tex text={isNumber ? `$${t.expectedTex} = ${t.expected}$` : `$${t.expectedTex}$`} /></p>;
  // A choice: the phone's revealed answer ("B: …", the class's letter and the option's text), not the option's id.
  return <p className="small">Expected: <Tex text={shown ?? t.expected} /></p>;
}

/** The projector's 1280×720 stage, scaled to the pane's width. */
function ScaledProjector({ children }: { children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.35);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fit = () => setScale(el.clientWidth / PROJECTOR.width);
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={box} className="projector-box" style={{ height: PROJECTOR.height * scale }} aria-label="the projector, scaled down">
      <div className="projector-canvas" style={{ width: PROJECTOR.width, height: PROJECTOR.height, transform: `scale(${scale})` }}>{children}</div>
    </div>
  );
}
