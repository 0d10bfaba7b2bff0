/** 2^k for every k in [-1074, 1023] at POW2[1074 + k], built by exact doublings/halvings. */
export const POW2 = (() => {
  const table = new Float64Array(1074 + 1024);
  table[1074] = 1;
  for (let k = 1; k <= 1023; k++) table[1074 + k] = table[1074 + k - 1] * 2;
  for (let k = -1; k >= -1074; k--) table[1074 + k] = table[1074 + k + 1] * 0.5;
  return table;
})();

/** Exactly 2^k as a double (0 or Infinity outside the representable range). */
export function twoPow(k: number): number {
  if (k > 1023) return Infinity;
  if (k < -1074) return 0;
  return POW2[1074 + k];
}
