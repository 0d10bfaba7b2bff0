"use client";
import type { LessonIssue } from "@livelab/core/lesson";
import { humanize } from "./useServerCheck";

/** "activities[3].questions[0].answer" → 3 (the activity a problem is in), or null for the lesson itself. */
export function activityOf(path: string): number | null {
  const m = /^activities\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

const FIELD_NAMES: Record<string, string> = {
  title: "title", summary: "summary", body: "text on the projector", teacherNotes: "teacher notes", prompt: "prompt", answer: "answer",
  hint: "hint", solution: "worked solution", feedback: "feedback", label: "label", tolerance: "tolerance", correct: "right answer",
  simulation: "simulation", experiment: "experiment", presetId: "simulation", steps: "steps", seed: "seed", say: "what to say",
  atStep: "step", change: "change", values: "values", name: "name", min: "from", max: "to", points: "points", attempts: "attempts",
  timeLimitSec: "time limit", maxLength: "longest answer", prediction: "prediction", changeAt: "change at step", horizon: "steps after the change",
  outcomes: "expected outcome", params: "per-student numbers", questions: "questions", activities: "activities", variables: "variables",
};
const ITEM_NAMES: Record<string, (i: number) => string> = {
  questions: (i) => `question ${i + 1}`, mistakes: (i) => `mistake ${i + 1}`, options: (i) => `option ${String.fromCharCode(65 + i)}`,
  variables: (i) => `variable ${i + 1}`, cues: (i) => `cue ${i + 1}`,
};

/**
 * Where a problem is, in words: "activities[0].questions[1].mistakes[0].feedback" → "question 2,
 * mistake 1: feedback" (the activity is named beside it).
 */
export function describePath(path: string): string {
  const parts = path.replace(/^activities\[\d+\]\.?/, "").match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (next?.startsWith("[") && ITEM_NAMES[part]) { words.push(ITEM_NAMES[part](Number(next.slice(1, -1)))); i++; continue; }
    if (part.startsWith("[")) continue;
    if (parts[i - 1] === "params") { words.push(`parameter ${part}`); continue; }
    if (part === "params" && parts.length > i + 1) continue;
    words.push(FIELD_NAMES[part] ?? part);
  }
  return words.join(", ");
}

/** Scroll to and focus the field a problem names (or the nearest enclosing part that is on screen). */
export function revealField(path: string): void {
  let p = path;
  for (;;) {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (el) {
      el.scrollIntoView({ block: "center", behavior: "smooth" });
      (el.querySelector<HTMLElement>("input, textarea, select") ?? el).focus({ preventScroll: true });
      return;
    }
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return;
    p = p.slice(0, cut);
  }
}

/**
 * Every problem the lesson check found, in lesson order, each with the place it names and a
 * button that goes there. Publishing waits until the list is empty; notes are only advice.
 * A built-in lesson is read-only and is never published: it says so instead of "ready to publish".
 */
export function ProblemsPanel({ errors, notes, checked, pending, readOnly, titleOf, onGo }: {
  errors: LessonIssue[]; notes: LessonIssue[]; checked: boolean; pending: boolean; readOnly: boolean;
  titleOf: (i: number) => string; onGo: (issue: LessonIssue) => void;
}) {
  const clean = readOnly ? "✓ No problems · a built-in lesson is read-only: Duplicate to edit" : "✓ Ready to publish";
  return (
    <section className="problems" aria-labelledby="problems-title" aria-live="polite">
      <h2 id="problems-title" className="small-heading">
        {!checked ? "Checking…" : errors.length === 0 ? clean : `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix before publishing`}
        {pending && checked && <span className="muted small"> · checking…</span>}
      </h2>
      {errors.length > 0 && (
        <ul className="problem-list">
          {errors.map((e, i) => {
            const a = activityOf(e.path);
            return (
              <li key={i} data-problem-path={e.path}>
                <button className="link-button" onClick={() => onGo(e)}>{a === null ? "Lesson" : `${a + 1}. ${titleOf(a)}`}</button>
                {describePath(e.path) && <> · {describePath(e.path)}</>}: {humanize(e.message)}
              </li>
            );
          })}
        </ul>
      )}
      {notes.length > 0 && <details><summary className="small">{notes.length} note{notes.length === 1 ? "" : "s"}</summary><ul className="small">{notes.map((n, i) => <li key={i}>{humanize(n.message)}</li>)}</ul></details>}
    </section>
  );
}
