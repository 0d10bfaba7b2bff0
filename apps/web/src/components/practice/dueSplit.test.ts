import { describe, expect, it } from "vitest";
import { splitAssignments, type HomeAssignment } from "./dueSplit";

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const assignment = (id: string, dueAt: number | null, complete = false): HomeAssignment => ({ id, title: id, dueAt, complete, skills: [{ skill: "l2-decay", title: "L2 weight decay", mastered: complete }] });

describe("splitAssignments", () => {
  // Tuesday 1 December 2026, 10:00 on the phone's clock.
  const now = at(2026, 12, 1, 10);

  it("puts an assignment due later this week, or with no due date, under Assignments, not Due today", () => {
    const { dueToday, later } = splitAssignments([assignment("friday", at(2026, 12, 4, 23, 59)), assignment("whenever", null)], now);
    expect(dueToday).toEqual([]);
    expect(later.map((a) => a.id)).toEqual(["friday", "whenever"]);
  });

  it("puts one due tonight under Due today, not overdue, and a late one there too, marked overdue", () => {
    const { dueToday, later } = splitAssignments([assignment("tonight", at(2026, 12, 1, 23, 59)), assignment("monday", at(2026, 11, 30, 23, 59))], now);
    expect(dueToday.map((a) => [a.id, a.overdue])).toEqual([["tonight", false], ["monday", true]]);
    expect(later).toEqual([]);
  });

  it("leaves out assignments already complete", () => {
    const { dueToday, later } = splitAssignments([assignment("done-late", at(2026, 11, 30), true), assignment("done-later", null, true)], now);
    expect(dueToday).toEqual([]);
    expect(later).toEqual([]);
  });
});
