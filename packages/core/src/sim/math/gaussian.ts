import { detLog } from "./detmath.ts";
import type { Prng } from "./prng.ts";

/**
 * Standard normal sample by Marsaglia's polar method (needs only log and sqrt, both
 * deterministic here). The second value of each pair is discarded so the generator's whole
 * state stays in the PRNG.
 */
export function gaussian(rng: Prng): number {
  for (;;) {
    const u = 2 * rng.nextFloat() - 1;
    const v = 2 * rng.nextFloat() - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    return u * Math.sqrt((-2 * detLog(s)) / s);
  }
}
