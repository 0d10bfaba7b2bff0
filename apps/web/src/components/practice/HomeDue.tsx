"use client";
import type { StudentHome as Home } from "@livelab/core/protocol";
import { dueDate } from "./levels";
import { splitAssignments, type HomeAssignment } from "./dueSplit";

/**
 * The home's to-do: "Due today" holds what is due now — reviews, and assignments due today or
 * late (marked overdue); "Assignments" holds the teacher's other open assignments with their due
 * date, so an assignment due Friday does not read as due today on a Tuesday.
 */
export function HomeDue({ home }: { home: Home }) {
  const { dueToday, later } = splitAssignments(home.assignments, home.serverTime);
  return (
    <>
      {(home.dueReviews.length > 0 || dueToday.length > 0) && (
        <section className="card due" aria-labelledby="due-heading">
          <h2 id="due-heading">Due today</h2>
          <ul className="plain-list">
            {home.dueReviews.map((r) => (
              <li key={r.skill} className="due-item">
                <span>Review: <strong>{r.title}</strong></span>
                <a className="button-link" href={`/me/practice/${r.skill}`}>Review</a>
              </li>
            ))}
            {dueToday.map((a) => <AssignmentItem key={a.id} a={a} when={a.overdue ? <span className="overdue">overdue, was due {dueDate(a.dueAt!)}</span> : "due today"} />)}
          </ul>
        </section>
      )}
      {later.length > 0 && (
        <section className="card due" aria-labelledby="assignments-heading">
          <h2 id="assignments-heading">Assignments</h2>
          <ul className="plain-list">
            {later.map((a) => <AssignmentItem key={a.id} a={a} when={a.dueAt ? `due ${dueDate(a.dueAt)}` : "no due date"} />)}
          </ul>
        </section>
      )}
    </>
  );
}

function AssignmentItem({ a, when }: { a: HomeAssignment; when: React.ReactNode }) {
  const next = a.skills.find((s) => !s.mastered)!;
  const done = a.skills.filter((s) => s.mastered).length;
  return (
    <li className="due-item" data-assignment={a.title}>
      <span>
        <strong>{a.title}</strong> <span className="muted small">from your teacher, {when} · {done} of {a.skills.length} mastered</span>
      </span>
      <a className="button-link" href={`/me/practice/${next.skill}?assignment=${encodeURIComponent(a.id)}`}>Practise</a>
    </li>
  );
}
