import { describe, expect, it } from "vitest";
import { builtInLesson, checkLesson, findQuestion, regularizationLesson } from "./index.ts";

const clone = () => JSON.parse(JSON.stringify(regularizationLesson));

describe("the built-in Regularization lesson", () => {
  it("validates and has the activities of LESSON.md in order, plus elastic net (activity 17)", () => {
    const result = checkLesson(regularizationLesson);
    expect(result).toMatchObject({ ok: true, notes: [] });
    const lesson = builtInLesson();
    expect(lesson.activities).toHaveLength(21);
    expect(lesson.activities[0].kind).toBe("poll");
    // Other parts of LiveLab (and their tests) go to these by index: they must not move.
    expect(lesson.activities.slice(0, 16).map((a) => a.id)).toEqual([
      "warm-up", "overfit-poly", "predict-lambda", "decay-factor", "decay-many-steps", "lambda-experiment", "l1-vs-l2", "geometry",
      "which-penalty-zeros", "l1-step", "penalty-values", "gradient", "dropout", "inverted-dropout", "dropout-test-time", "adam-vs-adamw",
    ]);
    expect(lesson.activities[5].kind).toBe("experiment");
    expect(lesson.activities[16].id).toBe("elastic-net");
    expect(lesson.activities[20].kind).toBe("exit-ticket");
    expect(lesson.activities[20].questions.map((q) => q.id)).toEqual(["exit-decay-factor", "exit-adamw", "exit-early-stopping", "exit-choose-lambda", "exit-dropout"]);
  });
  it("uses every simulation preset the lesson needs", () => {
    const presets = new Set(builtInLesson().activities.flatMap((a) => [a.simulation?.presetId, a.experiment?.presetId]).filter(Boolean));
    for (const id of ["overfit-poly", "l1-vs-l2", "constraint-geometry", "dropout-moons", "adam-vs-adamw", "early-stopping", "lambda-experiment"]) expect(presets).toContain(id);
  });
  it("has the questions other parts of LiveLab rely on, with their parameters", () => {
    const lesson = builtInLesson();
    const decay = findQuestion(lesson, "l2-decay-factor");
    expect(decay?.kind).toBe("numeric");
    expect(Object.keys(decay!.params).sort()).toEqual(["eta", "lambda"]);
    if (decay?.kind === "numeric") {
      expect(decay.answer).toBe("1 - 2*eta*lambda");
      expect(decay.mistakes.find((m) => m.answer === "1 - eta*lambda")?.key).toBe("dropped-factor-2");
    }
    expect(Object.keys(findQuestion(lesson, "dropout-kept-value")!.params).sort()).toEqual(["h", "p"]);
    expect(Object.keys(findQuestion(lesson, "dropout-expected-value")!.params).sort()).toEqual(["h", "p"]);
    expect(findQuestion(lesson, "l2-gradient")?.kind).toBe("expression");
    expect(findQuestion(lesson, "why-l1-zeros")?.kind).toBe("text");
  });
  it("round-trips through JSON (a lesson file is plain data)", () => {
    expect(checkLesson(clone()).ok).toBe(true);
  });
});

describe("broken lesson files get errors that name the field", () => {
  const errorsOf = (mutate: (l: ReturnType<typeof clone>) => void) => {
    const l = clone();
    mutate(l);
    const r = checkLesson(l);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };
  it("shape errors (zod) carry the path", () => {
    const errors = errorsOf((l) => { l.activities[3].questions[0].answer = 42; });
    expect(errors[0].path).toBe("activities[3].questions[0].answer");
  });
  it("an unknown kind, a missing title, a bad id", () => {
    expect(errorsOf((l) => { l.activities[0].kind = "lecture"; })[0].path).toBe("activities[0].kind");
    expect(errorsOf((l) => { delete l.activities[1].title; })[0].path).toBe("activities[1].title");
    expect(errorsOf((l) => { l.activities[1].id = "Bad Id!"; })[0].path).toBe("activities[1].id");
    expect(errorsOf((l) => { l.format = "something-else"; })[0].path).toBe("format");
  });
  it("formulas that do not parse or use unknown parameters", () => {
    const e1 = errorsOf((l) => { l.activities[3].questions[0].answer = "1 - 2*eta*lambdaa"; });
    expect(e1[0]).toMatchObject({ path: "activities[3].questions[0].answer" });
    expect(e1[0].message).toContain("lambdaa");
    const e2 = errorsOf((l) => { l.activities[3].questions[0].mistakes[0].answer = "1 - eta*"; });
    expect(e2[0].path).toBe("activities[3].questions[0].mistakes[0].answer");
  });
  it("a mistake that always equals the answer can never fire", () => {
    const e = errorsOf((l) => { l.activities[3].questions[0].mistakes[0].answer = "1 - eta*lambda*2"; });
    expect(e[0].path).toBe("activities[3].questions[0].mistakes[0]");
    expect(e[0].message).toContain('"dropped-factor-2"');
  });
  it("unknown presets, parameters, options and placeholders; duplicate ids", () => {
    expect(errorsOf((l) => { l.activities[1].simulation.presetId = "nope"; })[0].path).toBe("activities[1].simulation");
    expect(errorsOf((l) => { l.activities[1].simulation.params = { l2: -5 }; })[0].message).toContain("l2");
    expect(errorsOf((l) => { l.activities[0].questions[0].correct = "maybe"; })[0].path).toBe("activities[0].questions[0].correct");
    expect(errorsOf((l) => { l.activities[3].questions[0].prompt += " {{mu}}"; })[0].path).toBe("activities[3].questions[0].prompt");
    expect(errorsOf((l) => { l.activities[4].questions[0].id = "l2-decay-factor"; })[0].message).toContain("duplicate");
    expect(errorsOf((l) => { l.activities[5].experiment.presetId = "overfit-poly"; })[0].path).toBe("activities[5].experiment.presetId");
    expect(errorsOf((l) => { l.activities[2].questions[0].prediction.outcomes.maybe = { valLoss: "up" }; })[0].path).toBe("activities[2].questions[0].prediction.outcomes.maybe");
  });
  it("non-objects are refused, not thrown", () => {
    for (const v of [null, 42, "lesson", [], { format: "livelab-lesson" }]) expect(checkLesson(v).ok).toBe(false);
  });
});
