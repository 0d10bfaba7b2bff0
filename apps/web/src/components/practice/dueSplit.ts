import type { StudentHome } from "@livelab/core/protocol";

export type HomeAssignment = StudentHome["assignments"][number];
export type DueAssignment = HomeAssignment & { overdue: boolean };

/**
 * Which open assignments are due today (or late) and which are for later. "Today" is the
 * phone's calendar day at the server's time (the teacher's date picker stores 23:59 of the
 * chosen day, local): an assignment due Friday is not due today on Tuesday, and one without a
 * due date never is. Late ones stay in "Due today", marked overdue, until mastered.
 */
export function splitAssignments(assignments: HomeAssignment[], now: number): { dueToday: DueAssignment[]; later: HomeAssignment[] } {
  const dueToday: DueAssignment[] = [];
  const later: HomeAssignment[] = [];
  for (const a of assignments) {
    if (a.complete) continue;
    if (a.dueAt !== null && (a.dueAt < now || sameDay(a.dueAt, now))) dueToday.push({ ...a, overdue: a.dueAt < now });
    else later.push(a);
  }
  return { dueToday, later };
}

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
