import { all, create, type BigNumber } from "mathjs";
import { describe, expect, it } from "vitest";
import { Prng } from "./prng.ts";
import { detTanh, tanhFdlibm } from "./tanh.ts";

const bits = new DataView(new ArrayBuffer(8));
/** The next double above x (x finite, > 0 or < 0): one step of the bit pattern. */
function nextUp(x: number): number {
  bits.setFloat64(0, x);
  const b = bits.getBigUint64(0);
  bits.setBigUint64(0, x >= 0 ? b + 1n : b - 1n);
  return bits.getFloat64(0);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Every place where detTanh or expm1 switches branch, in units of x. */
const LN2 = 0.6931471805599453;
const EDGES = [3.725290298461914e-9, 0.25 * LN2, 0.75 * LN2, 1, 22, 0.5, 2];
for (let k = 2; k <= 64; k++) EDGES.push(((k - 0.5) * LN2) / 2);

describe("detTanh is bit for bit fdlibm's tanh", () => {
  it("over 3 million random inputs across every branch (and their negatives)", () => {
    const rng = new Prng(20261201);
    let mismatches = 0;
    let first = NaN;
    const ranges: [number, number][] = [[-1, 1], [-0.6, 0.6], [-3, 3], [-25, 25], [-1e-6, 1e-6]];
    for (const [lo, hi] of ranges) {
      for (let i = 0; i < 600_000; i++) {
        const x = rng.uniform(lo, hi);
        if (!Object.is(detTanh(x), tanhFdlibm(x))) {
          mismatches++;
          if (first !== first) first = x;
        }
      }
    }
    expect({ mismatches, first }).toEqual({ mismatches: 0, first: NaN });
  });

  it("at and around every branch boundary (2 000 neighbouring doubles each side)", () => {
    let mismatches = 0;
    for (const edge of EDGES) {
      for (const sign of [1, -1]) {
        let up = sign * edge;
        let down = sign * edge;
        for (let i = 0; i < 2000; i++) {
          if (!Object.is(detTanh(up), tanhFdlibm(up))) mismatches++;
          if (!Object.is(detTanh(down), tanhFdlibm(down))) mismatches++;
          up = nextUp(up);
          down = nextDown(down);
        }
      }
    }
    expect(mismatches).toBe(0);
  });

  it("special values", () => {
    for (const x of [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e300, -1e300, 21.999999999999996]) {
      expect(Object.is(detTanh(x), tanhFdlibm(x))).toBe(true);
    }
    expect(Object.is(detTanh(-0), -0)).toBe(true);
    expect(detTanh(Infinity)).toBe(1);
    expect(detTanh(-Infinity)).toBe(-1);
  });
});

describe("detTanh is accurate to 2 ulps (fdlibm's tanh: 1.9 ulps the worst of 20 000 points measured)", () => {
  it("against 40-digit tanh (mathjs BigNumber) at 3 000 points in [-22, 22]", () => {
    const math = create(all, { number: "BigNumber", precision: 40 });
    // The double's exact value (its shortest decimal string is not: that would add up to ½ ulp).
    const exactly = (x: number): BigNumber => {
      bits.setFloat64(0, x);
      const b = bits.getBigUint64(0);
      const biased = Number((b >> 52n) & 0x7ffn);
      const mant = (b & 0xfffffffffffffn) | (biased === 0 ? 0n : 1n << 52n);
      const v = math.bignumber(mant.toString()).times(math.bignumber(2).pow(Math.max(biased, 1) - 1075));
      return b >> 63n ? v.neg() : v;
    };
    const rng = new Prng(7);
    let worst = 0;
    for (let i = 0; i < 3000; i++) {
      const x = i < 1000 ? rng.uniform(-1, 1) : rng.uniform(-22, 22);
      const exact = exactly(x).tanh();
      const got = detTanh(x);
      const ref = Number(exact.toString());
      const ulp = Math.abs(nextUp(Math.abs(ref)) - Math.abs(ref));
      const err = Math.abs(Number(exactly(got).minus(exact).toString())) / ulp;
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
});
