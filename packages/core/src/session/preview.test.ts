import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { lessonPreview } from "./preview.ts";

const lesson = builtInLesson();
const decayIndex = lesson.activities.findIndex((a) => a.questions.some((q) => q.id === "l2-decay-factor"));

describe("lessonPreview: the live class's own state machine, in memory", () => {
  it("shows the sample student's open question with their own numbers, and nothing that gives the answer away", () => {
    const p = lessonPreview({ lesson, activityIndex: decayIndex, seed: 7 }, 1_000);
    const q = p.phone.questions.find((x) => x.questionId === "l2-decay-factor")!;
    expect(q.status).toBe("open");
    expect(q.result).toBeNull();
    const { eta, lambda } = p.params["l2-decay-factor"];
    expect(q.view.prompt).toContain(`\\eta = ${eta}`);
    expect(q.view.prompt).toContain(`\\lambda = ${lambda}`);
    const sent = JSON.stringify(p.phone);
    expect(sent).not.toContain("1 - 2*eta*lambda");
    expect(sent).not.toContain("dropped-factor-2");
    // The projector shows the prompt with symbols, never a sample student's numbers, and no results before the reveal.
    expect(p.projector.question?.prompt).toContain("\\eta");
    expect(p.projector.question?.prompt).not.toContain(`\\eta = ${eta}`);
    expect(p.projector.question?.bars).toBeNull();
  });

  it("another seed can give other numbers; the same seed always the same", () => {
    const a = lessonPreview({ lesson, activityIndex: decayIndex, seed: 1 }, 0).params["l2-decay-factor"];
    expect(lessonPreview({ lesson, activityIndex: decayIndex, seed: 1 }, 0).params["l2-decay-factor"]).toEqual(a);
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++) seen.add(JSON.stringify(lessonPreview({ lesson, activityIndex: decayIndex, seed }, 0).params["l2-decay-factor"]));
    expect(seen.size).toBeGreaterThan(3);
  });

  it("try an answer: a named mistake is matched by label, with the student's feedback, and the phone shows the reveal", () => {
    const { eta, lambda } = lessonPreview({ lesson, activityIndex: decayIndex, seed: 3 }, 0).params["l2-decay-factor"];
    const p = lessonPreview({ lesson, activityIndex: decayIndex, seed: 3, answers: { "l2-decay-factor": String(1 - eta * lambda) } }, 0);
    expect(p.tried).toHaveLength(1);
    expect(p.tried[0].status).toBe("incorrect");
    expect(p.tried[0].mistake).toEqual({ key: "dropped-factor-2", label: "Used 1 − ηλ (dropped the 2)" });
    expect(p.tried[0].feedback).toContain("the derivative of $w^2$ is $2w$");
    // The expected answer as math in the question's symbols, not as the formula "1 - 2*eta*lambda".
    expect(p.tried[0].expectedTex).toMatch(/^1-2\\cdot\s*\{\\eta\}\\cdot\s*\{\\lambda\}$/);
    const q = p.phone.questions[0];
    expect(q.status).toBe("revealed");
    expect(q.result?.feedbackKey).toBe("dropped-factor-2");
    expect(q.result?.solution).toContain(String(1 - 2 * eta * lambda));
    // The projector, as in class after the reveal: the named mistake's bar by its label.
    expect(p.projector.question?.bars?.find((b) => b.count > 0)).toMatchObject({ label: "Used 1 − ηλ (dropped the 2)", count: 1 });
  });

  it("a right answer is correct; an unreadable one is reported with its reason and not revealed", () => {
    const { eta, lambda } = lessonPreview({ lesson, activityIndex: decayIndex, seed: 3 }, 0).params["l2-decay-factor"];
    const right = lessonPreview({ lesson, activityIndex: decayIndex, seed: 3, answers: { "l2-decay-factor": String(1 - 2 * eta * lambda) } }, 0);
    expect(right.tried[0]).toMatchObject({ status: "correct", mistake: null });
    const junk = lessonPreview({ lesson, activityIndex: decayIndex, seed: 3, answers: { "l2-decay-factor": "zero point nine" } }, 0);
    expect(junk.tried[0].status).toBe("invalid");
    expect(junk.tried[0].reason).toBeTruthy();
    expect(junk.phone.questions[0].status).toBe("open");
  });

  it("a simulation activity previews its timeline; an activity index out of range is clamped", () => {
    const simIndex = lesson.activities.findIndex((a) => a.kind === "simulation");
    const p = lessonPreview({ lesson, activityIndex: simIndex, seed: 1 }, 5);
    expect(p.phone.timeline?.presetId).toBe(lesson.activities[simIndex].simulation!.presetId);
    expect(lessonPreview({ lesson, activityIndex: 999, seed: 1 }, 0).phone.activity.index).toBe(lesson.activities.length - 1);
  });
});
