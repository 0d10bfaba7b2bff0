import { formatNumber } from "./sampling.ts";
import type { Tolerance } from "./schema.ts";

/**
 * A computed value the way the question asks for it. A question graded to "3 significant
 * figures" shows 3.33 in its worked solution and report, not 3.333333333; one graded to ±1e-6
 * shows at most 6 decimals. A relative or zero tolerance gives no such precision to show, so the
 * value keeps `formatNumber`'s ten significant digits (an exact 0.99995 must not become 1).
 * Trailing zeros are dropped either way (0.998, not 0.99800).
 */
export function formatAsAsked(x: number, tol: Tolerance): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  if (tol.type === "sigfigs") return formatNumber(Number(x.toPrecision(Math.min(Math.max(Math.round(tol.value), 1), 10))));
  if (tol.type === "abs" && tol.value > 0) {
    // ±0.0005 → 3 decimals, ±1e-6 → 6: enough decimals that rounding stays inside the tolerance.
    let decimals = 0;
    for (let half = 0.5; half > tol.value * (1 + 1e-9) && decimals < 12; half /= 10) decimals++;
    return formatNumber(Number(x.toFixed(decimals)));
  }
  return formatNumber(x);
}
