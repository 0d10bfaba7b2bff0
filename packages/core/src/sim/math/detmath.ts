/**
 * Deterministic elementary functions.
 *
 * `Math.exp`, `Math.log`, `Math.tanh`, `Math.sin`, `Math.pow`, ... are not required by the
 * ECMAScript spec to be correctly rounded, and V8, JavaScriptCore and SpiderMonkey really do
 * return different last bits. A lockstep simulation that used them would drift apart between
 * a teacher's Chrome and a student's iPhone. These versions use only `+ - * /`, `Math.sqrt`,
 * `Math.abs`, `Math.trunc`/`Math.floor` (all exact, so identical everywhere), comparisons and
 * typed-array views of a double's bits. The algorithms and coefficients are those of fdlibm
 * (Sun's freely distributable libm), which is accurate to about 1 ulp.
 */

import { EXP_OVERFLOW, INV_LN2, LN2_HI, LN2_LO } from "./fdlibmConstants.ts";
import { POW2 } from "./pow2.ts";

export { twoPow } from "./pow2.ts";
export { detExpm1, detTanh } from "./tanh.ts";

// exp: Remez coefficients for the rational approximation on [-ln2/2, ln2/2].
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

const EXP_UNDERFLOW = -7.45133219101941108420e2;

/** y · 2^k without intermediate overflow/underflow (y is near 1). */
function scaleByPow2(y: number, k: number): number {
  if (k > 1023) return y * 2 * POW2[1074 + k - 1];
  if (k < -1021) return y * POW2[1074 + k + 54] * POW2[1074 - 54];
  return y * POW2[1074 + k];
}

/** Deterministic e^x (fdlibm e_exp.c). */
export function detExp(x: number): number {
  if (x !== x) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = Math.abs(x);
  let hi = 0;
  let lo = 0;
  let k = 0;
  let r = x;
  if (ax > 0.5 * 6.931471805599453e-1) {
    if (ax < 1.5 * 6.931471805599453e-1) {
      k = x > 0 ? 1 : -1;
    } else {
      k = Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
    }
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    r = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    return 1 + x;
  }
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return scaleByPow2(y, k);
}

// log: coefficients of the minimax polynomial in s = f / (2 + f).
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

// A little-endian view of one double's bits (explicit endianness: same on every platform).
const bitsView = new DataView(new ArrayBuffer(8));

/** Deterministic natural logarithm (fdlibm e_log.c). */
export function detLog(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    k -= 54;
    x *= 18014398509481984; // 2^54: bring subnormals into the normal range
  }
  bitsView.setFloat64(0, x, true);
  let hx = bitsView.getInt32(4, true);
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  bitsView.setInt32(4, hx | (i0 ^ 0x3ff00000), true); // normalize to [sqrt(2)/2, sqrt(2))
  x = bitsView.getFloat64(0, true);
  k += i0 >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/** Deterministic logistic sigmoid 1 / (1 + e^−x), stable for large |x|. */
export function detSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + detExp(-x));
  const e = detExp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow: the softplus used by the logistic loss. */
export function detSoftplus(x: number): number {
  if (x > 0) return x + detLog(1 + detExp(-x));
  return detLog(1 + detExp(x));
}

// sin/cos: fdlibm kernel polynomials on [-pi/4, pi/4].
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417; // first 33 bits of pi/2
const PIO2_2 = 6.07710050630396597660e-11; // pi/2 − PIO2_1 ≈ PIO2_2 + PIO2_2T
const PIO2_2T = 2.02226624879595063154e-21;

function kernelSin(x: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

function kernelCos(x: number): number {
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const hz = 0.5 * z;
  const w = 1 - hz;
  return w + ((1 - w - hz) + z * r);
}

/** Reduce x to r in [-pi/4, pi/4] with x = r + n·pi/2; returns n mod 4 (meant for |x| < 1e6). */
function reduce(x: number, out: { r: number }): number {
  const n = Math.floor(x * INV_PIO2 + 0.5);
  // Cody–Waite in three pieces (pi/2 = PIO2_1 + PIO2_2 + PIO2_2T); n·PIO2_1 is exact for |n| < 2^20.
  let r = x - n * PIO2_1;
  r = r - n * PIO2_2;
  r = r - n * PIO2_2T;
  out.r = r;
  return ((n % 4) + 4) % 4;
}

const reduced = { r: 0 };

/** Deterministic sine, accurate to a few ulps for |x| < 1e6 (all the lesson needs). */
export function detSin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 0.7853981633974483) return kernelSin(x);
  const q = reduce(x, reduced);
  const r = reduced.r;
  switch (q) {
    case 0: return kernelSin(r);
    case 1: return kernelCos(r);
    case 2: return -kernelSin(r);
    default: return -kernelCos(r);
  }
}

/** Deterministic cosine, accurate to a few ulps for |x| < 1e6. */
export function detCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 0.7853981633974483) return kernelCos(x);
  const q = reduce(x, reduced);
  const r = reduced.r;
  switch (q) {
    case 0: return kernelCos(r);
    case 1: return -kernelSin(r);
    case 2: return -kernelCos(r);
    default: return kernelSin(r);
  }
}

/** x^n for an integer n by binary exponentiation (deterministic; replaces `**`). */
export function detPowInt(x: number, n: number): number {
  if (!Number.isInteger(n)) throw new RangeError(`detPowInt needs an integer exponent, got ${n}`);
  let base = n < 0 ? 1 / x : x;
  let e = Math.abs(n);
  let result = 1;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return result;
}

/** Evenly spaced points on a log scale from 10^a to 10^b (n ≥ 2), deterministic. */
export function detLogspace(a: number, b: number, n: number): number[] {
  const LN10 = 2.302585092994046;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(detExp((a + ((b - a) * i) / (n - 1)) * LN10));
  return out;
}

export const PI = 3.141592653589793;
