import { describe, expect, it } from "vitest";
import { checkDiscrimination, roundTo, statedPrecision } from "./discrimination.ts";
import { parameterSets, PARAM_SET_BOUND } from "./paramSets.ts";
import { QuestionTemplateSchema, type QuestionTemplateInput } from "./schema.ts";

const question = (q: Partial<QuestionTemplateInput> & Record<string, unknown>) =>
  QuestionTemplateSchema.parse({ id: "q", kind: "numeric", prompt: "?", answer: "1", ...q });

describe("parameter sets: every combination a student can get", () => {
  it("enumerates all of them below the bound, first parameter slowest", () => {
    const s = parameterSets(question({ params: { a: { values: [1, 2] }, b: { values: [10, 20, 30] } } }));
    expect(s).toMatchObject({ total: 6, sampled: false });
    expect(s.sets).toEqual([{ a: 1, b: 10 }, { a: 1, b: 20 }, { a: 1, b: 30 }, { a: 2, b: 10 }, { a: 2, b: 20 }, { a: 2, b: 30 }]);
    expect(parameterSets(question({})).sets).toEqual([{}]);
  });
  it("samples past the bound, with a fixed seed (the same sample every time)", () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    const q = question({ params: { a: { values }, b: { values }, c: { values }, d: { values } } });
    const s = parameterSets(q);
    expect(s).toMatchObject({ total: 10_000, sampled: true });
    expect(s.sets).toHaveLength(PARAM_SET_BOUND);
    expect(parameterSets(q).sets).toEqual(s.sets);
    expect(new Set(s.sets.map((x) => JSON.stringify(x))).size).toBeGreaterThan(2500);
  });
});

describe("the precision students are asked for", () => {
  it("reads it from the prompt, 3 significant figures otherwise", () => {
    expect(statedPrecision("… (Give 4 significant figures.)")).toEqual({ kind: "sigfigs", digits: 4, stated: true });
    expect(statedPrecision("two significant digits")).toEqual({ kind: "sigfigs", digits: 2, stated: true });
    expect(statedPrecision("to 4 decimal places")).toEqual({ kind: "decimals", digits: 4, stated: true });
    expect(statedPrecision("What is w?")).toEqual({ kind: "sigfigs", digits: 3, stated: false });
  });
  it("rounds as a student would", () => {
    expect(roundTo(4 / 3, { kind: "sigfigs", digits: 3, stated: false })).toBe(1.33);
    expect(roundTo(0.99991, { kind: "decimals", digits: 4, stated: true })).toBe(0.9999);
    expect(roundTo(0, { kind: "sigfigs", digits: 3, stated: false })).toBe(0);
  });
});

describe("rule: a named mistake must never be graded correct", () => {
  it("linear decay passes for compound decay when 2kηλ is small (the old l2-decay-k-steps)", () => {
    const q = question({
      id: "k-steps",
      params: { eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.01, 0.05], label: "λ" }, k: { values: [10, 50, 100] }, w0: { values: [1, 2, 5], label: "w₀" } },
      answer: "(1 - 2*eta*lambda)^k * w0",
      tolerance: { type: "rel", value: 5e-3 },
      mistakes: [{ key: "linear", label: "Linear decay", answer: "w0 * (1 - 2*k*eta*lambda)", feedback: "compounds" }],
    });
    const { issues } = checkDiscrimination(q);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("mistakes[0]");
    expect(issues[0].message).toContain('question "k-steps": the mistake "linear" (Linear decay) is graded correct for η = 0.1, λ = 0.01, k = 10, w₀ = 1');
    expect(issues[0].message).toContain("it gives 0.98 and the answer is 0.9801790434");
    expect(issues[0].message).toContain("(9 of 36 parameter sets)");
  });
  it("counts a mistake a student would round into the tolerance (3 significant figures unless the prompt says)", () => {
    // 1.0049 is outside ±0.1 % of 1, but written with 3 significant figures it is 1.00.
    const q = question({ answer: "1", tolerance: { type: "rel", value: 1e-3 }, mistakes: [{ key: "near", answer: "1.0049", feedback: "f" }] });
    const [issue] = checkDiscrimination(q).issues;
    expect(issue.path).toBe("mistakes[0]");
    expect(issue.message).toContain("which rounded to 3 significant figures (1) is within the tolerance ±0.1% of the answer 1");
    // Asking for 5 significant figures makes the two distinguishable.
    expect(checkDiscrimination(question({ ...q, prompt: "Give 5 significant figures." })).issues).toEqual([]);
  });
  it("soft-thresholding: crossing zero is only a mistake where |w| ≤ ηλ", () => {
    const crossed = { key: "crossed-zero", answer: "w - eta*lambda*sign(w)", feedback: "f" };
    const base = { answer: "abs(w) <= eta*lambda ? 0 : w - eta*lambda*sign(w)", tolerance: { type: "abs", value: 1e-6 }, mistakes: [crossed] };
    const old = checkDiscrimination(question({ ...base, params: { w: { values: [0.05, -0.03, 0.3, -0.4] }, eta: { values: [0.1] }, lambda: { values: [0.5, 1] } } }));
    expect(old.issues[0].message).toContain("w = 0.05, eta = 0.1, lambda = 0.5");
    expect(old.issues[0].message).toContain("(5 of 8 parameter sets)");
    expect(checkDiscrimination(question({ ...base, params: { w: { values: [0.02, -0.03] }, eta: { values: [0.1] }, lambda: { values: [0.5, 1] } } })).issues).toEqual([]);
  });
});

describe("rule: two named mistakes must not coincide", () => {
  it("names both, the parameter set, and whose feedback the second would get", () => {
    const q = question({
      id: "dropout",
      params: { h: { values: [2] }, p: { values: [0.5, 0.8] } },
      answer: "h/p",
      mistakes: [
        { key: "times-p", answer: "h*p", feedback: "f" },
        { key: "no-rescale", answer: "h", feedback: "f" },
        { key: "drop-rate", answer: "h/(1-p)", feedback: "f" },
      ],
    });
    const { issues } = checkDiscrimination(q);
    // h/(1−p) is also the answer itself at p = 0.5.
    expect(issues.map((i) => i.path)).toEqual(["mistakes[2]"]);
    expect(issues[0].message).toContain('the mistake "drop-rate" (Drop rate) is graded correct for h = 2, p = 0.5');
    const twins = question({ params: { x: { values: [1, 2] } }, answer: "10*x", mistakes: [{ key: "a", answer: "x", feedback: "f" }, { key: "b", answer: "x^2", feedback: "f" }] });
    const [twin] = checkDiscrimination(twins).issues;
    expect(twin.path).toBe("mistakes[1]");
    expect(twin.message).toContain('the mistakes "a" (A) and "b" (B) cannot be told apart for x = 1: both give 1 (1 of 2 parameter sets), so a student who made "b" (B) would get the feedback for "a" (A)');
  });
});

describe("rule: a correctly rounded answer must be accepted", () => {
  it("h/p = 1.333… written 1.33 is refused under ±0.2 %, and the fix is a wider tolerance or a stated precision", () => {
    const q = question({ id: "kept", params: { h: { values: [1, 3] }, p: { values: [0.75, 0.6] } }, answer: "h/p", tolerance: { type: "rel", value: 2e-3 } });
    const [issue] = checkDiscrimination(q).issues;
    expect(issue.path).toBe("tolerance");
    expect(issue.message).toContain('question "kept": a correctly rounded answer is graded wrong for h = 1, p = 0.75: the answer 1.333333333 rounded to 3 significant figures (1.33) is refused by the tolerance ±0.2% (1 of 4 parameter sets)');
    expect(issue.message).toContain("say in the prompt how precisely to answer");
    expect(checkDiscrimination(question({ ...q, tolerance: { type: "sigfigs", value: 3 } })).issues).toEqual([]);
    expect(checkDiscrimination(question({ ...q, prompt: "Give 4 significant figures." })).issues).toEqual([]);
  });
  it("an exact answer needs no rounding: 0.998 under ±1e-6 is fine", () => {
    expect(checkDiscrimination(question({ params: { eta: { values: [0.1] }, lambda: { values: [0.01] } }, answer: "1 - 2*eta*lambda", tolerance: { type: "abs", value: 1e-6 } })).issues).toEqual([]);
  });
});

describe("expression questions", () => {
  const expression = (mistakes: { key: string; answer: string }[]) =>
    QuestionTemplateSchema.parse({
      id: "grad", kind: "expression", prompt: "?", answer: "2*lambda*w",
      variables: [{ name: "lambda", min: 0.1, max: 3 }, { name: "w", min: -3, max: 3 }],
      mistakes: mistakes.map((m) => ({ ...m, feedback: "f" })),
    });
  it("a mistake that is the answer in another form is graded correct", () => {
    const [issue] = checkDiscrimination(expression([{ key: "same", answer: "lambda*w*2" }])).issues;
    expect(issue).toMatchObject({ path: "mistakes[0]" });
    expect(issue.message).toContain('the mistake "same" (Same) is graded correct');
  });
  it("two mistakes that are one function cannot be told apart", () => {
    const [issue] = checkDiscrimination(expression([{ key: "a", answer: "lambda*w" }, { key: "b", answer: "w*lambda" }])).issues;
    expect(issue.path).toBe("mistakes[1]");
    expect(issue.message).toContain("cannot be told apart");
  });
  it("distinct mistakes pass", () => {
    expect(checkDiscrimination(expression([{ key: "a", answer: "lambda*w" }, { key: "b", answer: "2*w" }])).issues).toEqual([]);
  });
});
