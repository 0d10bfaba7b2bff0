import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { formatAsAsked } from "./answerPrecision.ts";
import { workedSolution } from "./grade.ts";

describe("formatAsAsked", () => {
  it("rounds to the significant figures or decimals the question grades to", () => {
    expect(formatAsAsked(10 / 3, { type: "sigfigs", value: 3 })).toBe("3.33");
    expect(formatAsAsked(0.0123456, { type: "sigfigs", value: 2 })).toBe("0.012");
    expect(formatAsAsked(2.5, { type: "sigfigs", value: 3 })).toBe("2.5");
    expect(formatAsAsked(0.99990000001, { type: "abs", value: 1e-6 })).toBe("0.9999");
    expect(formatAsAsked(1 / 3, { type: "abs", value: 0.0005 })).toBe("0.333");
  });

  it("keeps ten significant digits where the tolerance gives no precision to show", () => {
    expect(formatAsAsked(0.99995, { type: "rel", value: 1e-3 })).toBe("0.99995");
    expect(formatAsAsked(1 / 3, { type: "abs", value: 0 })).toBe("0.3333333333");
  });
});

describe("worked solutions show the precision the question asks for", () => {
  const question = (id: string) => builtInLesson().activities.flatMap((a) => a.questions).find((q) => q.id === id)!;
  it("inverted dropout (3 significant figures): 3/0.9 reads 3.33", () => {
    expect(workedSolution(question("dropout-kept-value"), { h: 3, p: 0.9 })).toBe("$\\tilde h = h/p = 3/0.9 = 3.33$.");
  });
  it("weight decay over k steps (3 significant figures): 0.99^20 · 5 reads 4.09", () => {
    expect(workedSolution(question("l2-decay-k-steps"), { eta: 0.1, lambda: 0.05, k: 20, w0: 5 })).toContain("\\approx 4.09$");
  });
});
