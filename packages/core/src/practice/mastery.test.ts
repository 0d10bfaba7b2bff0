import { describe, expect, it } from "vitest";
import { dayNumber, MASTERY_RULE, skillMastery } from "./mastery.ts";
import { DAY, HOUR, SimulatedStudent, T0 } from "./testHistory.ts";

const level = (s: SimulatedStudent) => skillMastery(s.skill, s.history).level;

describe("the mastery rule (docs/PRACTICE.md)", () => {
  it("masters on exactly the third correct answer in a row on different variants", () => {
    const s = new SimulatedStudent(T0, "l2-decay");
    expect(level(s)).toBe("not-started");
    s.answer(true);
    s.answer(true);
    expect(skillMastery("l2-decay", s.history)).toMatchObject({ level: "practising", streak: 2, needed: 1 });
    const third = s.answer(true);
    expect(skillMastery("l2-decay", s.history)).toMatchObject({ level: "mastered", streak: 3, needed: 0, masteredAt: third.at });
    expect(MASTERY_RULE.streak).toBe(3);
  });

  it("a wrong answer starts the row again", () => {
    const s = new SimulatedStudent(T0, "l2-decay");
    s.answer(true);
    s.answer(true);
    s.answer(false, { mistake: "dropped-factor-2" });
    s.answer(true);
    s.answer(true);
    expect(skillMastery("l2-decay", s.history)).toMatchObject({ level: "practising", streak: 2, attempts: 5, correct: 4 });
    s.answer(true);
    expect(level(s)).toBe("mastered");
  });

  it("a correct answer after opening the hint does not count and starts the row again", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true);
    s.answer(true);
    s.answer(true, { hint: true });
    expect(skillMastery("x", s.history)).toMatchObject({ level: "practising", streak: 0, hintsUsed: 1 });
    s.answer(true);
    s.answer(true);
    s.answer(true);
    expect(level(s)).toBe("mastered");
  });

  it("the same numbers again neither count nor break the row (fresh variants only)", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true, { variant: "a" });
    s.answer(true, { variant: "a" });
    s.answer(true, { variant: "b" });
    expect(skillMastery("x", s.history)).toMatchObject({ level: "practising", streak: 2 });
    s.answer(true, { variant: "a" });
    expect(level(s)).toBe("practising");
    s.answer(true, { variant: "c" });
    expect(level(s)).toBe("mastered");
  });

  it("ungraded answers and other skills are evidence of nothing", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true, { skills: ["y"] });
    s.history.push({ ...s.answer(true), correct: null });
    expect(skillMastery("x", s.history)).toMatchObject({ level: "practising", attempts: 1 });
  });

  it("stays mastered after a later wrong answer; retained needs a correct answer on a later calendar day", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(true);
    s.answer(true);
    s.answer(true);
    s.wait(2 * HOUR).answer(true); // same day: still only mastered
    expect(level(s)).toBe("mastered");
    s.wait(DAY).answer(false);
    expect(level(s)).toBe("mastered");
    const later = s.answer(true, { hint: true });
    expect(level(s)).toBe("mastered"); // with the hint: not retained
    s.answer(true);
    const m = skillMastery("x", s.history);
    expect(m.level).toBe("retained");
    expect(m.retainedAt).toBeGreaterThan(later.at);
  });

  it("calendar days follow the school's time zone", () => {
    // 23:30 and 00:30 local time in UTC+2 are two days there, one day in UTC.
    const a = Date.UTC(2026, 11, 1, 21, 30);
    const b = a + HOUR;
    expect(dayNumber(b, 120) - dayNumber(a, 120)).toBe(1);
    expect(dayNumber(b, 0) - dayNumber(a, 0)).toBe(0);
  });

  it("stuck: eight answers and no mastery", () => {
    const s = new SimulatedStudent(T0, "x");
    for (let i = 0; i < 7; i++) s.answer(i % 2 === 0);
    expect(skillMastery("x", s.history).stuck).toBe(false);
    s.answer(false);
    expect(skillMastery("x", s.history).stuck).toBe(true);
  });

  it("is deterministic: the same rows in any order give the same verdict", () => {
    const s = new SimulatedStudent(T0, "x");
    for (let i = 0; i < 40; i++) s.answer((i * 7) % 5 !== 0, { mistake: i % 5 === 0 ? "m" : undefined, hint: i % 11 === 3 });
    const reference = skillMastery("x", s.history);
    for (let k = 0; k < 10; k++) {
      const shuffled = [...s.history].sort((a, b) => ((a.id.charCodeAt(4) * 31 + k) % 7) - ((b.id.charCodeAt(4) * 31 + k) % 7));
      expect(skillMastery("x", shuffled)).toEqual(reference);
    }
  });
});

describe("misconceptions", () => {
  it("a named mistake twice among the last eight answers is a misconception; once is a slip", () => {
    const s = new SimulatedStudent(T0, "l2-decay");
    s.answer(false, { mistake: "dropped-factor-2" });
    s.answer(true);
    s.answer(false, { mistake: "forgot-lambda" });
    expect(skillMastery("l2-decay", s.history).misconceptions).toEqual([]);
    const second = s.answer(false, { mistake: "dropped-factor-2" });
    expect(skillMastery("l2-decay", s.history).misconceptions).toEqual([{ key: "dropped-factor-2", label: "Label of dropped-factor-2", count: 2, lastAt: second.at }]);
  });

  it("answers right since then push an old misconception out", () => {
    const s = new SimulatedStudent(T0, "x");
    s.answer(false, { mistake: "m" });
    s.answer(false, { mistake: "m" });
    for (let i = 0; i < MASTERY_RULE.misconceptionWindow - 1; i++) s.answer(true);
    expect(skillMastery("x", s.history).misconceptions.map((m) => m.key)).toEqual([]);
  });
});
