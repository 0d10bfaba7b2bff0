/**
 * Deterministic expm1 and tanh (fdlibm s_expm1.c and s_tanh.c).
 *
 * `detExpm1` and `tanhFdlibm` are the ports line for line. `detTanh`, the one the networks call
 * 32 000 times per training step and 320 000 times per decision grid, performs exactly the same
 * floating-point operations in the same order — so it returns the same bits for every input
 * (tested over millions of inputs against `tanhFdlibm`, and V8's own Math.tanh is this fdlibm
 * code too) — but with expm1 specialized to the two argument ranges tanh gives it
 * (−2|x| ∈ (−2, 0) and 2|x| ∈ [2, 44)): the checks for NaN, infinities, overflow and tiny
 * arguments and the unreachable branches are gone, and no call is left in it for an inliner
 * to decide about. That is what makes it ~1.5× faster than the composed port, not a new
 * approximation.
 */
import { EXP_OVERFLOW, fromHighWord, INV_LN2, LN2_HI, LN2_LO } from "./fdlibmConstants.ts";
import { POW2 } from "./pow2.ts";

// expm1: fdlibm's scaled rational coefficients for R(2z), z = x²/2, on [-ln2/2, ln2/2].
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

const EXPM1_HALF_LN2 = fromHighWord(0x3fd62e43); // |x| > 0.5·ln2  ⇔  high word > 0x3fd62e42
const EXPM1_ONE_HALF_LN2 = fromHighWord(0x3ff0a2b2); // |x| < 1.5·ln2 ⇔ high word < 0x3ff0a2b2
const EXPM1_TINY = fromHighWord(0x3c900000); // 2^-54
const EXPM1_BIG = fromHighWord(0x4043687a); // 56·ln2
/** tanh(x) = x for |x| < 2^-28, ±1 for |x| ≥ 22 (to the last bit). */
const TANH_TINY = 3.725290298461914e-9;
const TANH_BIG = 22;

/**
 * Deterministic e^x − 1, accurate near 0 where `detExp(x) − 1` would cancel (fdlibm
 * s_expm1.c, line for line).
 */
export function detExpm1(xIn: number): number {
  let x = xIn;
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax >= EXPM1_BIG) {
    if (x === Infinity) return Infinity;
    if (x === -Infinity) return -1;
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < 0) return -1;
  }
  let k = 0;
  let c = 0;
  if (ax >= EXPM1_HALF_LN2) {
    let hi: number;
    let lo: number;
    if (ax < EXPM1_ONE_HALF_LN2) {
      if (x > 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; } else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = (INV_LN2 * x + (x > 0 ? 0.5 : -0.5)) | 0; // C's (int) cast: truncation; |k| ≤ 1024
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (ax < EXPM1_TINY) {
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * POW2[1074 + 1023] : y * POW2[1074 + k]) - 1;
  }
  if (k < 20) return (POW2[1074] - POW2[1074 - k] - (e - x)) * POW2[1074 + k];
  return (x - (e + POW2[1074 - k]) + 1) * POW2[1074 + k];
}

/**
 * Hyperbolic tangent as fdlibm s_tanh.c writes it: for |x| < 1, −t/(t + 2) with
 * t = expm1(−2|x|); for 1 ≤ |x| < 22, 1 − 2/(t + 2) with t = expm1(2|x|); ±1 beyond. The
 * reference `detTanh` is checked against.
 */
export function tanhFdlibm(x: number): number {
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax >= TANH_BIG) return x > 0 ? 1 : -1;
  if (ax < TANH_TINY) return x;
  let z: number;
  if (ax >= 1) {
    const t = detExpm1(2 * ax);
    z = 1 - 2 / (t + 2);
  } else {
    const t = detExpm1(-2 * ax);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}

/**
 * Deterministic hyperbolic tangent: bit for bit `tanhFdlibm` (within 2 ulps of the true value:
 * 1.9 the worst measured, as for glibc's tanh), with expm1 inlined and specialized. Each branch below names the expm1
 * branch it is; the operations are copied, not rewritten.
 */
export function detTanh(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < TANH_BIG)) return x !== x ? x : x > 0 ? 1 : -1;
  if (ax < TANH_TINY) return x;
  let z: number;
  if (ax < 1) {
    // t = expm1(u) for u = −2|x| ∈ (−2, −2^-27]: k ∈ {0, −1, −2, −3}.
    let u = -2 * ax;
    const au = 2 * ax;
    let t: number;
    if (au < EXPM1_HALF_LN2) {
      // k = 0: no reduction.
      const hfx = 0.5 * u;
      const hxs = u * hfx;
      const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
      const tt = 3 - r1 * hfx;
      const e = hxs * ((r1 - tt) / (6 - u * tt));
      t = u - (u * e - hxs);
    } else {
      let hi: number;
      let lo: number;
      let k: number;
      if (au < EXPM1_ONE_HALF_LN2) {
        hi = u + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        k = (INV_LN2 * u - 0.5) | 0;
        hi = u - k * LN2_HI;
        lo = k * LN2_LO;
      }
      u = hi - lo;
      const c = (hi - u) - lo;
      const hfx = 0.5 * u;
      const hxs = u * hfx;
      const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
      const tt = 3 - r1 * hfx;
      let e = hxs * ((r1 - tt) / (6 - u * tt));
      e = u * (e - c) - c;
      e -= hxs;
      // k = −1, else k ≤ −2.
      t = k === -1 ? 0.5 * (u - e) - 0.5 : (1 - (e - u)) * POW2[1074 + k] - 1;
    }
    z = -t / (t + 2);
  } else {
    // t = expm1(u) for u = 2|x| ∈ [2, 44): k = trunc(u/ln2 + 1/2) ∈ [3, 63].
    let u = 2 * ax;
    const k = (INV_LN2 * u + 0.5) | 0;
    const hi = u - k * LN2_HI;
    const lo = k * LN2_LO;
    u = hi - lo;
    const c = (hi - u) - lo;
    const hfx = 0.5 * u;
    const hxs = u * hfx;
    const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    const tt = 3 - r1 * hfx;
    let e = hxs * ((r1 - tt) / (6 - u * tt));
    e = u * (e - c) - c;
    e -= hxs;
    let t: number;
    if (k < 20) t = (POW2[1074] - POW2[1074 - k] - (e - u)) * POW2[1074 + k];
    else if (k <= 56) t = (u - (e + POW2[1074 - k]) + 1) * POW2[1074 + k];
    else t = (1 - (e - u)) * POW2[1074 + k] - 1;
    z = 1 - 2 / (t + 2);
  }
  return x < 0 ? -z : z;
}
