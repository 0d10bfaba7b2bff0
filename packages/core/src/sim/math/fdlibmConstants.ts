/** Constants shared by the fdlibm ports (exp, expm1, log, tanh), exactly as fdlibm spells them. */

/** ln 2 split in two: LN2_HI has its low bits zero, so k·LN2_HI is exact for |k| < 2^11. */
export const LN2_HI = 6.93147180369123816490e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.44269504088896338700;
/** Above this e^x overflows. */
export const EXP_OVERFLOW = 7.09782712893383973096e2;

/** A double from its high word (low word 0): fdlibm compares high words; we compare these. */
export function fromHighWord(hi: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(4, hi >>> 0, true);
  view.setUint32(0, 0, true);
  return view.getFloat64(0, true);
}
