"use client";
import type { LessonIssue } from "@livelab/core/lesson";
import { humanize } from "./useServerCheck";

/** "activities[3].questions[0].answer" → 3 (the activity a problem is in), or null for the lesson itself. */
export function activityOf(path: string): number | null {
  const m = /^activities\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
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
 */
export function ProblemsPanel({ errors, notes, checked, pending, titleOf, onGo }: {
  errors: LessonIssue[]; notes: LessonIssue[]; checked: boolean; pending: boolean;
  titleOf: (i: number) => string; onGo: (issue: LessonIssue) => void;
}) {
  return (
    <section className="problems" aria-labelledby="problems-title" aria-live="polite">
      <h2 id="problems-title" className="small-heading">
        {!checked ? "Checking…" : errors.length === 0 ? "✓ Ready to publish" : `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix before publishing`}
        {pending && checked && <span className="muted small"> · checking…</span>}
      </h2>
      {errors.length > 0 && (
        <ul className="problem-list">
          {errors.map((e, i) => {
            const a = activityOf(e.path);
            return (
              <li key={i} data-problem-path={e.path}>
                <button className="link-button" onClick={() => onGo(e)}>{a === null ? "Lesson" : `${a + 1}. ${titleOf(a)}`}</button>: {humanize(e.message)}
              </li>
            );
          })}
        </ul>
      )}
      {notes.length > 0 && <details><summary className="small">{notes.length} note{notes.length === 1 ? "" : "s"}</summary><ul className="small">{notes.map((n, i) => <li key={i}>{humanize(n.message)}</li>)}</ul></details>}
    </section>
  );
}
