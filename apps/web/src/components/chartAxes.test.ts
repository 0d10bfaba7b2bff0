import { describe, expect, it } from "vitest";
import { decimalsFor, NICE_INCRS, niceStep, tickLabels } from "./chartAxes";

describe("readable chart axes", () => {
  it("steps are 1, 2 or 5 times a power of ten (no 2.5: its labels came out uneven)", () => {
    expect(NICE_INCRS).toContain(0.005);
    expect(NICE_INCRS).toContain(20);
    expect(NICE_INCRS).toContain(500);
    expect(NICE_INCRS.some((x) => String(x).includes("25"))).toBe(false);
    for (let i = 1; i < NICE_INCRS.length; i++) expect(NICE_INCRS[i]).toBeGreaterThan(NICE_INCRS[i - 1]);
  });
  it("labels carry exactly the decimals of the step, evenly spaced, no '-0'", () => {
    expect(decimalsFor(0.005)).toBe(3);
    expect(decimalsFor(0.5)).toBe(1);
    expect(decimalsFor(20)).toBe(0);
    expect(decimalsFor(1e-4)).toBe(4);
    expect(tickLabels([0.73, 0.735, 0.74], 0.005)).toEqual(["0.730", "0.735", "0.740"]);
    expect(tickLabels([-1e-17, 5, 10], 5)).toEqual(["0", "5", "10"]);
    expect(tickLabels([-0.2, 0, 0.2], 0.2)).toEqual(["-0.2", "0.0", "0.2"]);
  });
  it("a hand-drawn axis gets a nice step: 0…1.1 in 4 is 0.5 (not 0.275)", () => {
    expect(niceStep(1.1, 4)).toBe(0.5);
    expect(niceStep(0.33, 4)).toBe(0.1);
    expect(niceStep(8, 4)).toBe(2);
  });
});
