/**
 * Deterministic expm1 (fdlibm s_expm1.c, line for line) and tanh.
 *
 * `detTanh` is what the networks call: 32 times per example in a 2-16-16-1 MLP, 640 times per
 * training step, 320 000 times per 100×100 decision grid. It is LiveLab's own: a rational
 * approximation (Cephes' P/Q, 0.75 ulp) for |x| < 0.625 and 1 − 2/(e^{2|x|} + 1) above, with
 * e^y from a table of 2^(j/64) and a degree-5 polynomial — one division on either path, only
 * + − × ÷ and comparisons, so every JavaScript engine returns the same bits. Within 1.5 ulps of
 * the true tanh (measured against 40-digit tanh; fdlibm's is within 1.9) and about twice as fast
 * as fdlibm's tanh composed from expm1 (`tanhFdlibm`, which LiveLab used before and which
 * V8's Math.tanh is): see docs/BENCHMARKS.md.
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
 * t = expm1(−2|x|); for 1 ≤ |x| < 22, 1 − 2/(t + 2) with t = expm1(2|x|); ±1 beyond. What
 * LiveLab's tanh was until 2026-12 (and what V8's Math.tanh is): kept as the yardstick the tests
 * and the benchmark compare `detTanh` with.
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

// tanh for |x| < 0.625: x + x·x²·P(x²)/Q(x²) (Cephes tanh.c's coefficients, written as the
// shortest decimals of the same doubles), 0.75 ulp at most.
const TP0 = -0.9643991794250523;
const TP1 = -99.28772310019185;
const TP2 = -1614.6876844170845;
const TQ0 = 112.81167849163293;
const TQ1 = 2235.4883906010045;
const TQ2 = 4844.063053251255;
const TANH_RATIONAL_MAX = 0.625;

/** 2^(j/64), j = 0 … 63, each the double nearest the true value (generated at 60 digits). */
const EXP2_64THS = new Float64Array([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);
/** ln2/64 in two parts: the first has 16 trailing zero bits, so k·LN2_64_HI is exact for k < 2^16. */
const LN2_64_HI = 0.010830424696223417;
const LN2_64_LO = 2.572804622327669e-14;
const INV_LN2_64 = 92.33248261689366;

/**
 * Deterministic hyperbolic tangent, within 1.5 ulps. |x| < 2^-28: x. |x| < 0.625: the rational
 * approximation. Otherwise s = e^{2|x|} = 2^m · 2^(j/64) · e^r with 2|x| = (64m + j)·ln2/64 + r,
 * |r| ≤ ln2/128, e^r − 1 by its Taylor polynomial to r⁵ (the next term is below 2^-54), and
 * tanh = 1 − 2/(s + 1). |x| ≥ 22: ±1 (to the last bit).
 */
export function detTanh(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < TANH_RATIONAL_MAX) {
    if (ax < TANH_TINY) return x;
    const z = x * x;
    return x + x * z * (((TP0 * z + TP1) * z + TP2) / (((z + TQ0) * z + TQ1) * z + TQ2));
  }
  if (!(ax < TANH_BIG)) return x !== x ? x : x > 0 ? 1 : -1;
  const y = 2 * ax;
  const k = (y * INV_LN2_64 + 0.5) | 0; // y > 0: truncation is rounding to nearest; k < 4096
  const r = (y - k * LN2_64_HI) - k * LN2_64_LO;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
  const t = EXP2_64THS[k & 63];
  const s = (t + t * p) * POW2[1074 + (k >> 6)];
  const z = 1 - 2 / (s + 1);
  return x < 0 ? -z : z;
}
