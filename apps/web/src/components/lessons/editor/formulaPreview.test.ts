import { describe, expect, it } from "vitest";
import { bracketsBalance, formulaTex, placeholdersAsSlots } from "./formulaPreview";

describe("the editor's previews of lesson text and formulas", () => {
  it("shows a student's number as a boxed slot, not as KaTeX's reading of the braces", () => {
    expect(placeholdersAsSlots("rate $\\eta = {{eta}}$ here")).toBe("rate $\\eta = \\boxed{\\eta }$ here");
    // A computed value is a slot with its formula, not "= = 2*eta*lambda".
    expect(placeholdersAsSlots("$2\\eta\\lambda = {{= 2*eta*lambda}}$")).toBe("$2\\eta\\lambda = \\boxed{2 \\cdot \\eta  \\cdot \\lambda }$");
    // Outside math, the slot gets its own $…$.
    expect(placeholdersAsSlots("after {{steps}} steps")).toBe("after $\\boxed{steps}$ steps");
  });

  it("renders a formula only once its brackets close", () => {
    expect(bracketsBalance("(1 - 2*eta)^k")).toBe(true);
    expect(bracketsBalance("(1 - 2*eta")).toBe(false);
    expect(bracketsBalance("eta)(")).toBe(false);
    expect(formulaTex("sqrt(w_j)")).toBe("\\sqrt{w_{j}}");
  });
});
