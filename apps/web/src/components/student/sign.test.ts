import { describe, expect, it } from "vitest";
import { toggleSign } from "./sign";

describe("the ± key", () => {
  it("adds a minus, takes it away again, and understands the typographic minus", () => {
    expect(toggleSign("0.5")).toBe("-0.5");
    expect(toggleSign("-0.5")).toBe("0.5");
    expect(toggleSign("−0,25")).toBe("0,25");
    expect(toggleSign("")).toBe("-");
    expect(toggleSign(toggleSign(" 3 "))).toBe("3");
  });
});
