import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { texToText } from "./texToText.ts";

describe("texToText", () => {
  it("reads the lesson's math as plain text", () => {
    expect(texToText("penalty $\\lambda\\|w\\|_1$")).toBe("penalty λ‖w‖₁");
    expect(texToText("$\\lambda\\|w\\|_2^2$")).toBe("λ‖w‖₂²");
    expect(texToText("$\\lambda \\approx \\frac{1}{2\\eta t}$")).toBe("λ ≈ 1/(2ηt)");
    expect(texToText("$J_{train}(w) + 2\\lambda w$")).toBe("J_train(w) + 2λw");
    expect(texToText("the factor is $1 - 2\\eta\\lambda$.")).toBe("the factor is 1 - 2ηλ.");
    expect(texToText("$(1-2\\eta\\lambda)^k\\,w_0$")).toBe("(1-2ηλ)ᵏ w₀");
    expect(texToText("$\\tilde h = m\\,h/p$, $m \\sim \\mathrm{Bernoulli}(p)$")).toBe("h̃ = m h/p, m ~ Bernoulli(p)");
    expect(texToText("$\\frac{d}{dw}w^2 = 2w$")).toBe("d/(dw)w² = 2w");
    expect(texToText("$\\sqrt{a^2 + b^2}$ and $\\left\\| w \\right\\|$")).toBe("√(a² + b²) and ‖ w ‖");
  });

  it("drops **bold** and `code` marks outside math, and keeps text without math as it is", () => {
    expect(texToText("Training is **kept** at `p`")).toBe("Training is kept at p");
    expect(texToText("No math here: 3 < 4")).toBe("No math here: 3 < 4");
  });

  it("leaves no backslash or dollar in any feedback, option or solution of the built-in lesson", () => {
    const texts = builtInLesson().activities.flatMap((a) => a.questions).flatMap((q) => [
      q.prompt, q.solution ?? "", ...(q.kind === "single" || q.kind === "multiple" ? q.options.map((o) => o.text) : []),
      ...(q.kind === "numeric" || q.kind === "expression" ? q.mistakes.map((m) => m.feedback) : []),
    ]);
    for (const t of texts) expect(texToText(t.replace(/\{\{[^}]*\}\}/g, "1")), t).not.toMatch(/[\\$]/);
  });
});
