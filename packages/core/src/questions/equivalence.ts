import { Prng } from "../sim/math/prng.ts";
import type { ExpressionQuestion } from "./schema.ts";

/** How many random points two expressions must agree at to count as the same function. */
export const EQUIVALENCE_POINTS = 16;

type Fn = (scope: Record<string, number>) => number;

/**
 * Two expressions are taken as equal when they agree (to 1e-9 relative) at 16 random points
 * drawn from the variables' ranges — with a fixed seed, so grading is reproducible and the
 * lesson check sees exactly what the grader will see.
 */
export function sameFunction(a: Fn, b: Fn, t: Pick<ExpressionQuestion, "variables">): boolean {
  const rng = new Prng(0x1ee7);
  let compared = 0;
  for (let k = 0; k < EQUIVALENCE_POINTS; k++) {
    const scope: Record<string, number> = {};
    for (const v of t.variables) scope[v.name] = rng.uniform(v.min, v.max);
    const x = a(scope);
    const y = b(scope);
    if (!Number.isFinite(y)) continue;
    if (!Number.isFinite(x)) return false;
    if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(y))) return false;
    compared++;
  }
  return compared > 0;
}
