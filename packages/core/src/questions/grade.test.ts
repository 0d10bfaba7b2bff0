import { describe, expect, it } from "vitest";
import { builtInLesson, findQuestion } from "../lesson/index.ts";
import { gradeAnswer, workedSolution } from "./grade.ts";
import { parseNumber } from "./parseNumber.ts";
import { optionOrder, questionSeed, sampleParams } from "./sampling.ts";
import { studentView } from "./render.ts";
import { QuestionTemplateSchema, type QuestionTemplate } from "./schema.ts";
import { withinTolerance } from "./tolerance.ts";

const lesson = builtInLesson();
const q = (id: string): QuestionTemplate => {
  const t = findQuestion(lesson, id);
  if (!t) throw new Error(`no question ${id}`);
  return t;
};

describe("numbers as students type them", () => {
  it.each([
    ["0.998", 0.998], ["0,998", 0.998], [" 0.998 ", 0.998], [".5", 0.5], ["-3", -3], ["\u22123", -3],
    ["9.98e-1", 0.998], ["9.98E-1", 0.998], ["9.98×10^-1", 0.998], ["9.98*10^(-1)", 0.998], ["5/3", 5 / 3], ["1 000", 1000],
  ])("%j reads as %d", (text, value) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(value, 14);
  });
  it.each([
    ["", "no answer"], ["abc", "not a number"], ["1e999", "finite"], ["NaN", "not a number"], ["Infinity", "not a number"],
    ["1/0", "division by zero"], ["1,2,3", "not a number"], ["x".repeat(10_000), "too long"], ["0x10", "not a number"],
  ])("%j is invalid (%s)", (text, reason) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  it("non-text answers are invalid, not exceptions", () => {
    for (const v of [null, undefined, 42, {}, [], true]) expect(parseNumber(v).ok).toBe(false);
  });
});

describe("tolerances at their edges", () => {
  it("absolute", () => {
    expect(withinTolerance(1.1, 1, { type: "abs", value: 0.1 })).toBe(true);
    expect(withinTolerance(1.1000001, 1, { type: "abs", value: 0.1 })).toBe(false);
    expect(withinTolerance(0.9, 1, { type: "abs", value: 0.1 })).toBe(true);
  });
  it("relative", () => {
    expect(withinTolerance(101, 100, { type: "rel", value: 0.01 })).toBe(true);
    expect(withinTolerance(101.01, 100, { type: "rel", value: 0.01 })).toBe(false);
    expect(withinTolerance(-99, -100, { type: "rel", value: 0.01 })).toBe(true);
  });
  it("significant figures: 0.998 to 3 s.f. accepts [0.9975, 0.9985]", () => {
    const sf3 = { type: "sigfigs" as const, value: 3 };
    expect(withinTolerance(0.9975, 0.998, sf3)).toBe(true);
    expect(withinTolerance(0.9985, 0.998, sf3)).toBe(true);
    expect(withinTolerance(0.99749, 0.998, sf3)).toBe(false);
    expect(withinTolerance(0.99851, 0.998, sf3)).toBe(false);
    expect(withinTolerance(1234.4, 1234, { type: "sigfigs", value: 4 })).toBe(true);
    expect(withinTolerance(1234.6, 1234, { type: "sigfigs", value: 4 })).toBe(false);
  });
  it("never accepts non-finite values", () => {
    expect(withinTolerance(NaN, 1, { type: "abs", value: 1e9 })).toBe(false);
    expect(withinTolerance(Infinity, Infinity, { type: "rel", value: 1 })).toBe(false);
  });
});

describe("l2-decay-factor (the source's practice problem)", () => {
  const t = q("l2-decay-factor");
  const params = { eta: 0.1, lambda: 0.01 };
  it("0.998 is correct, also written 0,998", () => {
    for (const a of ["0.998", "0,998", "998/1000"]) {
      const r = gradeAnswer(t, params, a);
      expect(r).toMatchObject({ status: "correct", correct: true, score: 1, feedbackKey: null, expected: "0.998" });
    }
  });
  it("named mistakes get their own feedback", () => {
    expect(gradeAnswer(t, params, "0.999").feedbackKey).toBe("dropped-factor-2");
    expect(gradeAnswer(t, params, "0.999").feedback).toContain("2w");
    expect(gradeAnswer(t, params, "0.002").feedbackKey).toBe("gave-shrink-not-factor");
    expect(gradeAnswer(t, params, "1.002").feedbackKey).toBe("wrong-sign");
  });
  it("other wrong answers are plainly wrong; unreadable ones invalid with a reason", () => {
    const wrong = gradeAnswer(t, params, "0.5");
    expect(wrong).toMatchObject({ status: "incorrect", correct: false, score: 0, feedbackKey: null });
    for (const a of ["", "abc", "1e999", "NaN", "x".repeat(10_000), null, 7, { toString: () => "0.998" }]) {
      const r = gradeAnswer(t, params, a);
      expect(r.status).toBe("invalid");
      expect(r.correct).toBe(false);
      expect(r.reason).toBeTruthy();
    }
  });
  it("each student's parameters give their own answer", () => {
    expect(gradeAnswer(t, { eta: 0.2, lambda: 0.05 }, "0.98").correct).toBe(true);
    expect(gradeAnswer(t, { eta: 0.2, lambda: 0.05 }, "0.998").correct).toBe(false);
  });
  it("the worked solution carries the student's numbers", () => {
    const s = workedSolution(t, params);
    expect(s).toContain("0.002");
    expect(s).toContain("0.998");
    expect(s).not.toContain("{{");
  });
});

describe("dropout questions", () => {
  it("kept value h/p: h = 3, p = 0.6 → 5; expectation → 3", () => {
    const p = { h: 3, p: 0.6 };
    expect(gradeAnswer(q("dropout-kept-value"), p, "5").correct).toBe(true);
    expect(gradeAnswer(q("dropout-kept-value"), p, "1.8").feedbackKey).toBe("multiplied-by-p");
    expect(gradeAnswer(q("dropout-kept-value"), p, "3").feedbackKey).toBe("no-rescale");
    expect(gradeAnswer(q("dropout-expected-value"), p, "3").correct).toBe(true);
    expect(gradeAnswer(q("dropout-expected-value"), p, "5").feedbackKey).toBe("kept-value");
  });
  it("h/p with a repeating decimal is accepted to the stated tolerance", () => {
    const p = { h: 1, p: 0.75 };
    expect(gradeAnswer(q("dropout-kept-value"), p, "1.333").correct).toBe(true);
    expect(gradeAnswer(q("dropout-kept-value"), p, "4/3").correct).toBe(true);
    expect(gradeAnswer(q("dropout-kept-value"), p, "1.3").correct).toBe(false);
  });
});

describe("soft-thresholding answers use a conditional formula", () => {
  const t = q("l1-soft-threshold");
  it("small weights go to exactly 0; crossing zero is a named mistake", () => {
    expect(gradeAnswer(t, { w: 0.05, eta: 0.1, lambda: 1 }, "0").correct).toBe(true);
    expect(gradeAnswer(t, { w: 0.05, eta: 0.1, lambda: 1 }, "-0.05").feedbackKey).toBe("crossed-zero");
    expect(gradeAnswer(t, { w: 0.3, eta: 0.1, lambda: 1 }, "0.2").correct).toBe(true);
  });
});

describe("expression answers: any equivalent form", () => {
  const t = q("l2-gradient");
  it.each(["2*lambda*w_j", "lambda*w*2", "2 w lambda", "2λw", "2·λ·w_j", "w*lambda + lambda*w", "(4*lambda*w)/2", "2*lam*wj"])(
    "%j is correct",
    (a) => expect(gradeAnswer(t, {}, a)).toMatchObject({ status: "correct", correct: true }),
  );
  it("named mistakes", () => {
    expect(gradeAnswer(t, {}, "lambda*w").feedbackKey).toBe("dropped-factor-2");
    expect(gradeAnswer(t, {}, "2w").feedbackKey).toBe("forgot-lambda");
    expect(gradeAnswer(t, {}, "2*lambda*w^2").feedbackKey).toBe("kept-square");
    expect(gradeAnswer(t, {}, "lambda + w").status).toBe("incorrect");
  });
  it.each([
    "", "abc", "x*lambda", "import({}, {})", "f(x) = x", "lambda = 1", 'evaluate("1")', "[1, 2]", "lambda.w", '"text"',
    "createUnit('foo')", "NaN", "1e999*w", "(".repeat(150) + "w" + ")".repeat(150), "w".repeat(10_000), "2 cm",
  ])("hostile or unreadable %j is invalid, never thrown", (a) => {
    const r = gradeAnswer(t, {}, a);
    expect(["invalid", "incorrect"]).toContain(r.status);
    expect(r.correct).toBe(false);
  });
  it("non-strings are invalid", () => {
    for (const a of [null, 3, { a: 1 }, ["2*lambda*w"]]) expect(gradeAnswer(t, {}, a).status).toBe("invalid");
  });
});

describe("choices", () => {
  it("single choice: right, a named wrong option, and junk", () => {
    const t = q("dropout-test-time");
    expect(gradeAnswer(t, {}, "nothing").correct).toBe(true);
    const r = gradeAnswer(t, {}, "multiply-p");
    expect(r).toMatchObject({ correct: false, feedbackKey: "multiply-p" });
    expect(gradeAnswer(t, {}, "__proto__").status).toBe("invalid");
    expect(gradeAnswer(t, {}, 1).status).toBe("invalid");
  });
  it("options are shuffled per student, deterministically, as a permutation", () => {
    const t = q("dropout-test-time");
    const orders = new Set<string>();
    for (const who of ["ann", "bob", "cy", "dee", "eve", "fay"]) {
      const order = optionOrder(t, questionSeed(1, who, t.id));
      expect([...order].sort()).toEqual(["divide-p", "keep-dropping", "multiply-p", "nothing"]);
      expect(optionOrder(t, questionSeed(1, who, t.id))).toEqual(order);
      orders.add(order.join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });
  it("multiple choice: exact set is full credit; partial credit otherwise", () => {
    const t = QuestionTemplateSchema.parse({
      id: "mc", kind: "multiple", prompt: "Which penalize weights?",
      options: [{ id: "l1", text: "L1" }, { id: "l2", text: "L2" }, { id: "lr", text: "learning rate", feedback: "Not a penalty." }],
      correct: ["l1", "l2"],
    });
    expect(gradeAnswer(t, {}, ["l2", "l1"])).toMatchObject({ correct: true, score: 1 });
    expect(gradeAnswer(t, {}, ["l1"])).toMatchObject({ correct: false, score: 0.5 });
    expect(gradeAnswer(t, {}, ["l1", "lr"])).toMatchObject({ correct: false, score: 0, feedbackKey: "lr" });
    expect(gradeAnswer(t, {}, "l1").status).toBe("invalid");
    expect(gradeAnswer(t, {}, ["zz"]).status).toBe("invalid");
  });
  it("prediction questions are decided by the simulation", () => {
    const t = q("predict-raise-lambda");
    expect(gradeAnswer(t, {}, "train-up-val-down").correct).toBe(true);
    expect(gradeAnswer(t, {}, "both-down").correct).toBe(false);
    // What the live class saw can override the default run.
    expect(gradeAnswer(t, {}, "both-down", { predictionOutcome: "both-down" }).correct).toBe(true);
    expect(gradeAnswer(t, {}, "both-down", { predictionOutcome: null }).status).toBe("ungraded");
  });
  it("short text is collected, not graded", () => {
    const t = q("why-l1-zeros");
    expect(gradeAnswer(t, {}, "  corners of the diamond  ")).toMatchObject({ status: "ungraded", correct: null, score: null, normalized: "corners of the diamond" });
    expect(gradeAnswer(t, {}, "").status).toBe("invalid");
    expect(gradeAnswer(t, {}, "x".repeat(401)).status).toBe("invalid");
  });
});

describe("what a student sees before the reveal", () => {
  it("their numbers in the prompt, and nothing of the answer", () => {
    for (const a of lesson.activities) {
      for (const t of a.questions) {
        const seed = questionSeed(123, "participant-1", t.id);
        const { view, params } = studentView(t, seed);
        expect(params).toEqual(sampleParams(t, seed));
        const json = JSON.stringify(view);
        expect(json).not.toContain("{{");
        for (const key of ["answer", "mistakes", "solution", "correct", "prediction", "feedback", "tolerance"]) expect(view).not.toHaveProperty(key);
        if (t.kind === "numeric") {
          for (const m of t.mistakes) expect(json).not.toContain(m.feedback.slice(0, 30));
        }
        if ("options" in t) for (const o of t.options) if (o.feedback) expect(json).not.toContain(o.feedback);
      }
    }
  });
  it("the same student always gets the same parameters; students differ", () => {
    const t = q("l2-decay-factor");
    const a = sampleParams(t, questionSeed(5, "p1", t.id));
    expect(sampleParams(t, questionSeed(5, "p1", t.id))).toEqual(a);
    const all = new Set(["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"].map((p) => JSON.stringify(sampleParams(t, questionSeed(5, p, t.id)))));
    expect(all.size).toBeGreaterThan(2);
    expect([0.05, 0.1, 0.2]).toContain(a.eta);
  });
});

describe("the example shown for an unreadable number", () => {
  // The phone shows this reason to a student mid-question: its examples must be readable
  // numbers and must not be the answer to any numeric question of the built-in lesson.
  it("gives readable examples that answer no question", async () => {
    const { expectedNumber } = await import("./grade.ts");
    const { parameterSets } = await import("./paramSets.ts");
    const r = parseNumber("abc");
    expect(r.ok).toBe(false);
    const reason = r.ok ? "" : r.reason;
    const examples = reason.split(":")[1].replace(/\bor\b/g, ",").split(/, | ,|\s{2,}/).map((s) => s.replace(/\bwrite it like\b/, "").trim()).filter(Boolean);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const values = examples.map((e) => parseNumber(e)).map((p) => (p.ok ? p.value : Number.NaN));
    expect(values.every(Number.isFinite), `unreadable example in "${reason}"`).toBe(true);
    for (const t of lesson.activities.flatMap((a) => a.questions)) {
      if (t.kind !== "numeric") continue;
      for (const params of parameterSets(t).sets) {
        const answer = expectedNumber(t, params);
        for (const v of values) expect(withinTolerance(v, answer, t.tolerance), `${t.id} ${JSON.stringify(params)} answer ${answer} is shown as an example`).toBe(false);
      }
    }
  });
});
