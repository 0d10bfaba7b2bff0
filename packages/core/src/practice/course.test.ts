import { describe, expect, it } from "vitest";
import { builtInCourse, REGULARIZATION_COURSE } from "./builtInCourse.ts";
import { checkCourse, courseProgress, mayPractise, type Course } from "./course.ts";
import type { Evidence } from "./evidence.ts";
import { masteryOf, MASTERY_RULE } from "./mastery.ts";
import { reviewSchedule } from "./schedule.ts";
import { DAY, SimulatedStudent, T0 } from "./testHistory.ts";
import { practiceCandidates, variantCount } from "./variants.ts";

const { course, lessons, skills } = builtInCourse();
const allSkills = course.nodes.flatMap((n) => n.skills);
const title = (id: string) => course.nodes.find((n) => n.id === id)?.title ?? skills.get(id)?.title ?? id;

function progress(history: Evidence[], now: number) {
  const mastery = masteryOf(allSkills, history);
  const schedules = Object.fromEntries(allSkills.map((s) => [s, reviewSchedule(s, mastery[s], history)]));
  return courseProgress(course, mastery, schedules, now);
}
const status = (p: ReturnType<typeof progress>, id: string) => p.nodes.find((n) => n.node.id === id)!.status;

describe("the built-in course", () => {
  it("is a valid DAG over declared skills, and every skill can be mastered with fresh variants", () => {
    expect(checkCourse(course, new Set(skills.keys()))).toEqual([]);
    for (const skill of allSkills) expect(variantCount(practiceCandidates(lessons, skill)), skill).toBeGreaterThanOrEqual(MASTERY_RULE.streak);
  });

  it("every graded question of its lessons names a skill of the course", () => {
    for (const l of lessons) for (const a of l.activities) for (const q of a.questions) {
      if (q.kind === "text") continue;
      expect(q.skills.length, q.id).toBeGreaterThan(0);
      for (const s of q.skills) expect(allSkills, q.id).toContain(s);
    }
  });

  it("checkCourse finds cycles, unknown prerequisites and skills, and a skill in two nodes", () => {
    const bad: Course = {
      id: "c", title: "c", nodes: [
        { id: "a", title: "A", summary: "", kind: "lesson", lessonId: "l", skills: ["s1"], prerequisites: ["b"] },
        { id: "b", title: "B", summary: "", kind: "lesson", lessonId: "l", skills: ["s1", "nope"], prerequisites: ["a", "ghost"] },
      ],
    };
    const problems = checkCourse(bad, new Set(["s1"]));
    expect(problems).toEqual(expect.arrayContaining([
      "node b: no lesson declares the skill nope", "skill s1 is in both a and b", "node b: unknown prerequisite ghost",
      expect.stringMatching(/^prerequisites go round in a circle: a → b → a$/),
    ]));
  });
});

describe("gates, on a simulated clock", () => {
  it("regularization opens exactly when both diagnostics are mastered; its skills open one after another", () => {
    const nn = new SimulatedStudent(T0, "gradient-step");
    expect(status(progress(nn.history, nn.now), "regularization")).toBe("locked");
    expect(status(progress(nn.history, nn.now), "neural-networks")).toBe("available");
    nn.answer(false);
    nn.answer(true);
    nn.answer(true);
    let p = progress(nn.history, nn.now);
    expect(status(p, "neural-networks")).toBe("in-progress");
    nn.answer(true);
    p = progress(nn.history, nn.now);
    expect(status(p, "neural-networks")).toBe("mastered");
    expect(p.nodes.find((n) => n.node.id === "regularization")!.missing).toEqual(["convex-optimization"]);
    expect(mayPractise(p, "penalty-values", new Set(), title)).toEqual({ ok: false, reason: "Regularization opens once you have mastered Convex optimization: convexity checks." });

    // The same student on the other diagnostic: two in a row is one short.
    const cv = new SimulatedStudent(nn.now, "convexity-check");
    cv.answer(true);
    cv.answer(true);
    const both = () => [...nn.history, ...cv.history];
    expect(status(progress(both(), cv.now), "regularization")).toBe("locked");
    cv.answer(true);
    p = progress(both(), cv.now);
    expect(status(p, "regularization")).toBe("available");
    const reg = p.nodes.find((n) => n.node.id === "regularization")!;
    expect(reg.skills.map((s) => s.unlocked)).toEqual([true, false, false, false, false, false, false]);
    expect(mayPractise(p, "penalty-values", new Set(), title)).toEqual({ ok: true });
    expect(mayPractise(p, "l2-decay", new Set(), title)).toEqual({ ok: false, reason: "Master Penalty values first." });
    // An assignment opens its skills whatever the gates say.
    expect(mayPractise(p, "adam-weight-decay", new Set(["adam-weight-decay"]), title)).toEqual({ ok: true });
    expect(status(p, "deep-learning")).toBe("locked");
  });

  it("what is due today: a mastered skill's review once the clock reaches it", () => {
    const s = new SimulatedStudent(T0, "gradient-step");
    s.answer(true);
    s.answer(true);
    s.answer(true);
    expect(progress(s.history, s.now).dueReviews).toEqual([]);
    const later = progress(s.history, s.now + 30 * DAY);
    expect(later.dueReviews.map((d) => d.skill)).toEqual(["gradient-step"]);
    expect(later.nodes[0].skills[0].review?.isDue).toBe(true);
  });

  it("the course object is the one exported", () => {
    expect(course).toBe(REGULARIZATION_COURSE);
  });
});
