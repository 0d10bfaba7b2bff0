import { describe, expect, it } from "vitest";
import { detCos, detExp, detExpm1, detLog, detLogspace, detPowInt, detSigmoid, detSin, detSoftplus, detTanh, twoPow } from "./detmath.ts";
import { Prng } from "./prng.ts";

/** Distance in units in the last place of `b`. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const e = Math.floor(Math.log2(Math.max(Math.abs(b), 2.2250738585072014e-308)));
  return Math.abs(a - b) / Math.pow(2, e - 52);
}

function worstUlps(f: (x: number) => number, g: (x: number) => number, lo: number, hi: number, n = 20000): number {
  const rng = new Prng(7);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(lo, hi);
    worst = Math.max(worst, ulps(f(x), g(x)));
  }
  return worst;
}

describe("deterministic elementary functions agree with Math.* to a few ulps", () => {
  it("exp over the whole finite range and near 0", () => {
    expect(worstUlps(detExp, Math.exp, -700, 700)).toBeLessThanOrEqual(1);
    expect(worstUlps(detExp, Math.exp, -1, 1)).toBeLessThanOrEqual(1);
  });
  it("log from tiny to huge and near 1", () => {
    expect(worstUlps(detLog, Math.log, 1e-300, 1e300)).toBeLessThanOrEqual(1);
    expect(worstUlps(detLog, Math.log, 0.5, 2)).toBeLessThanOrEqual(1);
    expect(worstUlps(detLog, Math.log, 1e-310, 1e-305)).toBeLessThanOrEqual(1); // subnormals
  });
  it("expm1 is fdlibm line for line: bit-identical to V8's own (fdlibm) Math.expm1; tanh within 2 ulps of Math.tanh", () => {
    expect(worstUlps(detTanh, Math.tanh, -25, 25)).toBeLessThanOrEqual(2);
    expect(worstUlps(detTanh, Math.tanh, -0.5, 0.5)).toBeLessThanOrEqual(2);
    expect(worstUlps(detExpm1, Math.expm1, -2, 2)).toBe(0);
    expect(worstUlps(detExpm1, Math.expm1, -60, 60)).toBe(0);
  });
  it("sigmoid in the range networks use", () => {
    expect(worstUlps(detSigmoid, (x) => 1 / (1 + Math.exp(-x)), -30, 30)).toBeLessThanOrEqual(4);
  });
  it("sin and cos for dataset angles", () => {
    expect(worstUlps(detSin, Math.sin, -20, 20)).toBeLessThanOrEqual(2);
    expect(worstUlps(detCos, Math.cos, -20, 20)).toBeLessThanOrEqual(2);
  });
  it("special values", () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(1000)).toBe(Infinity);
    expect(detExp(-1000)).toBe(0);
    expect(detExp(NaN)).toBeNaN();
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detLog(Infinity)).toBe(Infinity);
    expect(detTanh(30)).toBe(1);
    expect(detTanh(-30)).toBe(-1);
    expect(detTanh(0)).toBe(0);
    expect(detSigmoid(0)).toBe(0.5);
    expect(detSigmoid(-800)).toBe(0);
    expect(detSoftplus(800)).toBe(800);
    expect(detSoftplus(-800)).toBe(0);
    expect(detSin(Infinity)).toBeNaN();
  });
  it("exact helpers: powers of two and integer powers", () => {
    expect(twoPow(10)).toBe(1024);
    expect(twoPow(-1074)).toBe(5e-324);
    expect(twoPow(1023)).toBe(8.98846567431158e307);
    expect(detPowInt(2, 10)).toBe(1024);
    expect(detPowInt(0.5, -3)).toBe(8);
    expect(detPowInt(0.998, 0)).toBe(1);
    expect(() => detPowInt(2, 0.5)).toThrow();
  });
  it("logspace hits its ends", () => {
    const xs = detLogspace(-4, 1, 6);
    expect(xs).toHaveLength(6);
    expect(xs[0]).toBeCloseTo(1e-4, 15);
    expect(xs[5]).toBeCloseTo(10, 12);
    expect(xs[2]).toBeCloseTo(1e-2, 14);
  });
});
