import { describe, expect, it } from "vitest";
import { classGrid, WEEK_MS } from "./classGrid.ts";
import { DAY, SimulatedStudent, T0 } from "./testHistory.ts";

describe("the teacher's grid", () => {
  it("cells, stuck students, this week's practice mistakes and assignment completion", () => {
    const ada = new SimulatedStudent(T0, "l2-decay");
    ada.answer(true);
    ada.answer(true);
    ada.answer(true);
    const bo = new SimulatedStudent(T0 - 2 * WEEK_MS, "l2-decay");
    bo.answer(false, { mistake: "dropped-factor-2" }); // two weeks ago: not this week
    bo.now = T0;
    for (let i = 0; i < 7; i++) bo.answer(i % 3 === 2, { mistake: i % 3 === 2 ? undefined : "dropped-factor-2" });
    bo.answer(false, { mistake: "forgot-lambda", source: "live" }); // live: not "in practice"
    const now = T0 + DAY;
    const grid = classGrid({
      students: [{ id: "a", name: "Ada" }, { id: "b", name: "Bo" }, { id: "c", name: "Cy" }],
      skills: [{ id: "l2-decay", title: "L2 weight decay" }, { id: "penalty-values", title: "Penalty values" }],
      evidence: new Map([["a", ada.history], ["b", bo.history]]),
      assignments: [{ id: "as1", title: "Decay", skills: ["l2-decay"], dueAt: null }, { id: "as2", title: "Both", skills: ["l2-decay", "penalty-values"], dueAt: now }],
      now,
    });
    expect(grid.rows.map((r) => [r.name, r.cells["l2-decay"].level, r.mastered])).toEqual([["Ada", "mastered", 1], ["Bo", "practising", 0], ["Cy", "not-started", 0]]);
    expect(grid.rows[1].cells["l2-decay"]).toMatchObject({ attempts: 9, correct: 2, stuck: true, misconceptions: [expect.objectContaining({ key: "dropped-factor-2" })] });
    expect(grid.stuck).toEqual([{ studentId: "b", name: "Bo", skill: "l2-decay", attempts: 9 }]);
    expect(grid.commonMistakes).toEqual([{ key: "dropped-factor-2", label: "Label of dropped-factor-2", count: 5, students: 1 }]);
    expect(grid.assignments.map((a) => [a.id, a.complete, a.of, a.perStudent.a])).toEqual([["as1", 1, 3, { mastered: 1, total: 1 }], ["as2", 0, 3, { mastered: 1, total: 2 }]]);
  });

  it("a due review shows in the cell once the clock passes it", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true);
    s.answer(true);
    s.answer(true);
    const at = (now: number) => classGrid({ students: [{ id: "s", name: "S" }], skills: [{ id: "x", title: "X" }], evidence: new Map([["s", s.history]]), assignments: [], now }).rows[0].cells.x.reviewDue;
    expect(at(s.now)).toBe(false);
    expect(at(s.now + 60 * DAY)).toBe(true);
  });
});
