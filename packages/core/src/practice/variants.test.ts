import { describe, expect, it } from "vitest";
import { gradeAnswer } from "../questions/grade.ts";
import { resolvePrediction } from "../questions/prediction.ts";
import { builtInCourse } from "./builtInCourse.ts";
import { gradePractice, practiceHint, practicePrediction, practiceQuestionView } from "./item.ts";
import { chooseVariant, practiceCandidates, PREDICTION_SEEDS, type ChosenVariant } from "./variants.ts";

const { lessons } = builtInCourse();

describe("fresh variants", () => {
  it("every attempt gets a new seed, and never the same numbers twice in a row", () => {
    for (const skill of ["gradient-step", "convexity-check", "l2-decay", "adam-weight-decay"]) {
      const candidates = practiceCandidates(lessons, skill);
      let previous: ChosenVariant | null = null;
      const seeds = new Set<number>();
      const variants = new Set<string>();
      for (let serial = 0; serial < 60; serial++) {
        const v = chooseVariant(candidates, { studentSeed: 12345, serial, previous: previous?.variant ?? null });
        if (previous) expect(v.variant, `${skill} #${serial}`).not.toBe(previous.variant);
        seeds.add(v.seed);
        variants.add(v.variant);
        previous = v;
      }
      expect(seeds.size).toBe(60);
      expect(variants.size).toBeGreaterThan(3);
    }
  });

  it("a row of three is three different questions: the last few variants are avoided while others exist", () => {
    for (const skill of ["gradient-step", "convexity-check", "penalty-values", "adam-weight-decay"]) {
      const candidates = practiceCandidates(lessons, skill);
      const last: string[] = [];
      for (let serial = 0; serial < 100; serial++) {
        const v = chooseVariant(candidates, { studentSeed: 99, serial, previous: last.at(-1) ?? null, recent: last.slice(-2) });
        expect(last.slice(-2), `${skill} #${serial}`).not.toContain(v.variant);
        last.push(v.variant);
      }
    }
  });

  it("is deterministic: the same student, serial and previous item give the same item", () => {
    const c = practiceCandidates(lessons, "penalty-values");
    expect(chooseVariant(c, { studentSeed: 7, serial: 3, previous: null })).toEqual(chooseVariant(c, { studentSeed: 7, serial: 3, previous: null }));
    expect(chooseVariant(c, { studentSeed: 8, serial: 3, previous: null }).seed).not.toBe(chooseVariant(c, { studentSeed: 7, serial: 3, previous: null }).seed);
  });

  it("a skill with one variant repeats it rather than failing", () => {
    const only = practiceCandidates(lessons, "convexity-check").filter((c) => c.template.id === "lasso-convex");
    const v = chooseVariant(only, { studentSeed: 1, serial: 0, previous: "lasso-convex|" });
    expect(v.variant).toBe("lasso-convex|");
  });
});

describe("a practice item", () => {
  const gd = practiceCandidates(lessons, "gradient-step").find((c) => c.template.id === "gd-update")!.template;

  it("reaches the phone without answer, formula, mistakes, solution or hint text", () => {
    for (const { template } of lessons.flatMap((l) => l.skills.flatMap((s) => practiceCandidates([l], s.id)))) {
      const { view, hasHint } = practiceQuestionView(template, 99);
      const text = JSON.stringify(view);
      expect(view.hint).toBeUndefined();
      expect(hasHint).toBe(template.hint !== undefined);
      if (template.kind === "numeric" || template.kind === "expression") {
        if (template.answer.length >= 5) expect(text).not.toContain(template.answer);
        for (const m of template.mistakes) expect(text).not.toContain(m.feedback.slice(0, 30));
      }
      if (template.solution) expect(text).not.toContain(template.solution.slice(0, 30));
      expect(Object.keys(view).sort()).toEqual(expect.arrayContaining(["id", "kind", "prompt"]));
      expect(Object.keys(view).every((k) => ["id", "kind", "prompt", "options", "points", "attempts", "maxLength", "variables"].includes(k))).toBe(true);
    }
  });

  it("is graded by the live grader, names the mistake, and gives the worked solution in the item's numbers", () => {
    const v = chooseVariant([{ lessonId: "nn-diagnostic", template: gd }], { studentSeed: 5, serial: 0, previous: null });
    const { w, eta, g } = v.params;
    const right = gradePractice(gd, v.seed, v.params, String(w - eta * g));
    expect(right.result).toEqual(gradeAnswer(gd, v.params, String(w - eta * g)));
    expect(right.feedback).toMatchObject({ correct: true, headline: "Correct!", mistakeLabel: null });
    const uphill = gradePractice(gd, v.seed, v.params, String(w + eta * g));
    expect(uphill.feedback).toMatchObject({ correct: false, headline: "Not quite.", feedbackKey: "added-gradient", mistakeLabel: "Added η·g (moved uphill)" });
    expect(uphill.feedback.solution).toContain(`${w} - ${eta}`);
    expect(practiceHint(gd, v.params)).toContain("against the gradient");
  });

  it("a prediction question runs its own simulation with a fresh seed, and every seed of the pool decides it", () => {
    const q = practiceCandidates(lessons, "choosing-regularization").find((c) => c.template.kind === "single" && c.template.prediction)!.template;
    const t0 = performance.now();
    const outcomes = PREDICTION_SEEDS.map((seed) => resolvePrediction(practicePrediction(q, seed)!));
    const ms = (performance.now() - t0) / PREDICTION_SEEDS.length;
    for (const o of outcomes) expect(o).not.toBeNull();
    expect(practicePrediction(q, 303)!.seed).toBe(303);
    const right = gradePractice(q, 1, {}, outcomes[0], outcomes[0]);
    expect(right.feedback.correct).toBe(true);
    console.log(`a practice prediction takes ${ms.toFixed(0)} ms to resolve`);
  });

  it("choice options carry the phone's letters, and the right answer is said with them", () => {
    const q = practiceCandidates(lessons, "convexity-check").find((c) => c.template.id === "lasso-convex")!.template;
    const { view } = practiceQuestionView(q, 42);
    expect(view.options!.map((o) => o.letter)).toEqual(["A", "B", "C", "D"]);
    const wrong = gradePractice(q, 42, {}, "concave");
    const letter = view.options!.find((o) => o.id === "convex")!.letter;
    expect(wrong.feedback.expected).toBe(`${letter}: convex, for every λ ≥ 0`);
  });
});
