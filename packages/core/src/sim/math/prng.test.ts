import { describe, expect, it } from "vitest";
import { base64ToFloat64, base64ToUint32, float64ToBase64, uint32ToBase64 } from "./base64.ts";
import { hashFloat64Arrays } from "./hash.ts";
import { mixSeed, Prng, seedFromString } from "./prng.ts";

describe("Prng", () => {
  it("is xoshiro128**: matches the reference implementation's output for state {1, 2, 3, 4}", () => {
    const rng = new Prng([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => rng.nextU32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });
  it("is a pinned sequence: the same seed gives the same numbers in every engine", () => {
    const rng = new Prng(42);
    // Pinned: a change here breaks every golden hash and every saved session.
    expect([rng.nextU32(), rng.nextU32(), rng.nextU32()]).toMatchInlineSnapshot(`
      [
        2837322924,
        544945897,
        479756282,
      ]
    `);
  });
  it("different seeds differ; state round-trips", () => {
    const a = new Prng(1);
    const b = new Prng(2);
    expect(a.nextU32()).not.toBe(b.nextU32());
    const state = a.getState();
    const next = [a.nextFloat(), a.nextFloat()];
    const c = new Prng(state);
    expect([c.nextFloat(), c.nextFloat()]).toEqual(next);
  });
  it("floats are in [0, 1) with mean near 1/2; ints are unbiased and in range", () => {
    const rng = new Prng(9);
    let sum = 0;
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      counts[rng.nextInt(3)]++;
    }
    expect(sum / 30000).toBeGreaterThan(0.49);
    expect(sum / 30000).toBeLessThan(0.51);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    expect(() => rng.nextInt(0)).toThrow();
  });
  it("accepts large and negative seeds without collapsing them", () => {
    expect(new Prng(2 ** 40).nextU32()).not.toBe(new Prng(0).nextU32());
    expect(new Prng(-5).nextU32()).not.toBe(new Prng(5).nextU32());
    expect(() => new Prng(1.5)).toThrow();
  });
  it("seed mixing is order-sensitive and stable", () => {
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
    expect(seedFromString("alice")).not.toBe(seedFromString("bob"));
  });
});

describe("keyframe encoding and hashing", () => {
  it("base64 round-trips exact float bits, including -0, NaN payload-free values and subnormals", () => {
    const a = new Float64Array([0, -0, 1.5, -1e-310, Math.PI, Number.MAX_VALUE, Infinity]);
    const back = base64ToFloat64(float64ToBase64(a));
    expect(Array.from(back)).toEqual(Array.from(a));
    expect(Object.is(back[1], -0)).toBe(true);
    const u = new Uint32Array([0, 1, 4294967295, 12345]);
    expect(Array.from(base64ToUint32(uint32ToBase64(u)))).toEqual(Array.from(u));
    expect(() => base64ToFloat64("abc")).toThrow();
  });
  it("the weights hash sees every bit", () => {
    const a = new Float64Array([1, 2, 3]);
    const b = new Float64Array([1, 2, 3 + 4.440892098500626e-16]);
    expect(hashFloat64Arrays([a])).toBe(hashFloat64Arrays([new Float64Array([1, 2, 3])]));
    expect(hashFloat64Arrays([a])).not.toBe(hashFloat64Arrays([b]));
    expect(hashFloat64Arrays([a])).toMatch(/^[0-9a-f]{16}$/);
    expect(hashFloat64Arrays([new Float64Array([0])])).not.toBe(hashFloat64Arrays([new Float64Array([-0])]));
  });
});
