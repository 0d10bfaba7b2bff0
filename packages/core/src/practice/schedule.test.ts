import { describe, expect, it } from "vitest";
import { skillMastery } from "./mastery.ts";
import { reviewDue, reviewSchedule } from "./schedule.ts";
import { DAY, SimulatedStudent, T0 } from "./testHistory.ts";

/** Master the skill, then answer each review the moment it falls due: `outcomes` in order. */
function reviewAtDue(outcomes: ("good" | "again" | "hard")[]) {
  const s = new SimulatedStudent(T0, "l1-soft-threshold");
  s.answer(true);
  s.answer(true);
  s.answer(true);
  const intervals: number[] = [];
  for (const o of outcomes) {
    const before = reviewSchedule(s.skill, skillMastery(s.skill, s.history), s.history)!;
    s.now = before.due;
    s.answer(o !== "again", { hint: o === "hard" });
    const after = reviewSchedule(s.skill, skillMastery(s.skill, s.history), s.history)!;
    intervals.push(Math.round((after.due - before.due) / DAY));
  }
  return { s, intervals, schedule: reviewSchedule(s.skill, skillMastery(s.skill, s.history), s.history)! };
}

describe("spaced review with FSRS (ts-fsrs), on a simulated clock", () => {
  it("nothing is scheduled before mastery; mastery schedules a first review days later", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true);
    s.answer(true);
    expect(reviewSchedule("x", skillMastery("x", s.history), s.history)).toBeNull();
    const third = s.answer(true);
    const schedule = reviewSchedule("x", skillMastery("x", s.history), s.history)!;
    expect(schedule.reviews).toEqual([{ at: third.at, rating: "good", due: schedule.due }]);
    expect(schedule.due - third.at).toBeGreaterThanOrEqual(DAY);
    expect(reviewDue(schedule, third.at + DAY / 2)).toBe(false);
    expect(reviewDue(schedule, schedule.due)).toBe(true);
  });

  it("review dates move later after each success", () => {
    const { intervals } = reviewAtDue(["good", "good", "good", "good"]);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
    expect(intervals[0]).toBeGreaterThanOrEqual(2);
  });

  it("and sooner after a lapse: the interval after a wrong review is shorter than before it", () => {
    const good = reviewAtDue(["good", "good", "good"]);
    const lapse = reviewAtDue(["good", "good", "again"]);
    expect(lapse.intervals[2]).toBeLessThan(lapse.intervals[1]);
    expect(lapse.schedule.due).toBeLessThan(good.schedule.due);
    expect(lapse.schedule.lapses).toBe(1);
    // A hinted success is Hard: later than a lapse, sooner than Good.
    const hard = reviewAtDue(["good", "good", "hard"]);
    expect(hard.schedule.due).toBeGreaterThan(lapse.schedule.due);
    expect(hard.schedule.due).toBeLessThan(good.schedule.due);
  });

  it("answers before the due date are practice: they do not move the schedule", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true);
    s.answer(true);
    s.answer(true);
    const first = reviewSchedule("x", skillMastery("x", s.history), s.history)!;
    s.wait(DAY / 2).answer(false);
    s.answer(true);
    expect(reviewSchedule("x", skillMastery("x", s.history), s.history)).toEqual(first);
  });

  it("is deterministic: equal histories give equal dates", () => {
    const a = reviewAtDue(["good", "again", "good", "hard"]).schedule;
    const b = reviewAtDue(["good", "again", "good", "hard"]).schedule;
    expect(a).toEqual(b);
  });
});
