import { describe, expect, it } from "vitest";
import { fillPlaceholders } from "./render.ts";
import { shownNumber } from "./sampling.ts";
import { gradePractice } from "../practice/item.ts";
import { builtInCourse, practiceCandidates } from "../practice/index.ts";

describe("negative numbers put into formulas", () => {
  it("get parentheses after an operator or before a power, and stay bare after = or inside the template's own parentheses", () => {
    const p = { g: -12, w: 0.5, x: -1 };
    expect(fillPlaceholders("$w - \\eta \\cdot {{g}} = 1$", p)).toBe("$w - \\eta \\cdot (-12) = 1$");
    expect(fillPlaceholders("${{w}} - {{g}}$", p)).toBe("$0.5 - (-12)$");
    expect(fillPlaceholders("${{w}} + {{= g}}$", p)).toBe("$0.5 + (-12)$");
    expect(fillPlaceholders("${{x}}^2$", p)).toBe("$(-1)^2$");
    expect(fillPlaceholders("$g = {{g}}$, $({{g}})$, ${{g}}$", p)).toBe("$g = -12$, $(-12)$, $-12$");
    expect(fillPlaceholders("$w - \\eta \\cdot {{w}}$", p)).toBe("$w - \\eta \\cdot 0.5$");
  });

  it("the gradient-step worked solution reads w − η · (−12), not w − η · −12", () => {
    const t = practiceCandidates(builtInCourse().lessons, "gradient-step").map((c) => c.template).find((q) => q.id === "gd-step-squared-loss")!;
    // w = 0.5, x = 2, y = 4: the gradient 2(wx − y)x = 2(1 − 4)·2 = −12, and w − 0.1 · (−12) = 1.7.
    const { feedback } = gradePractice(t, 1, { w: 0.5, x: 2, y: 4, eta: 0.1 }, "999");
    expect(feedback.solution).toContain("\\eta \\cdot (-12) = 1.7");
    expect(feedback.expected).toBe("1.7");
  });
});

describe("shownNumber", () => {
  it("writes a shown number's minus as the true minus sign, and leaves formulas and words alone", () => {
    expect(shownNumber("-0.74")).toBe("\u22120.74");
    expect(shownNumber("1e-7")).toBe("1e\u22127");
    expect(shownNumber("0.74")).toBe("0.74");
    expect(shownNumber("-2*lambda*w")).toBe("-2*lambda*w");
  });

  it("a practice item's right answer uses it", () => {
    const t = practiceCandidates(builtInCourse().lessons, "gradient-step").map((c) => c.template).find((q) => q.id === "gd-update")!;
    // w − ηg = −0.8 − 0.1 · 2.5 = −1.05
    const { feedback } = gradePractice(t, 1, { w: -0.8, eta: 0.1, g: 2.5 }, "999");
    expect(feedback.expected).toBe("\u22121.05");
  });
});
