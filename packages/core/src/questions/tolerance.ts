import type { Tolerance } from "./schema.ts";

/**
 * Is `given` close enough to `expected`?
 * - abs: |given − expected| ≤ value
 * - rel: |given − expected| ≤ value·|expected|
 * - sigfigs: within half a unit of the n-th significant digit of `expected`
 *   (0.998 with 3 significant figures accepts [0.9975, 0.9985]).
 * A hair of slack (1e-12 relative) absorbs binary rounding at the exact edges.
 */
export function withinTolerance(given: number, expected: number, tol: Tolerance): boolean {
  if (!Number.isFinite(given) || !Number.isFinite(expected)) return false;
  const diff = Math.abs(given - expected);
  const slack = 1e-12 * Math.max(Math.abs(expected), Number.MIN_VALUE);
  switch (tol.type) {
    case "abs":
      return diff <= tol.value + slack;
    case "rel":
      return diff <= tol.value * Math.abs(expected) + slack;
    case "sigfigs": {
      if (expected === 0) return diff <= Number.EPSILON;
      const exponent = Number(expected.toExponential().split("e")[1]);
      const halfUnit = 0.5 * Number(`1e${exponent - tol.value + 1}`);
      return diff <= halfUnit + slack;
    }
    default: {
      const never: never = tol;
      throw new Error(`unknown tolerance ${JSON.stringify(never)}`);
    }
  }
}

/** How a tolerance reads in feedback ("±0.1%", "3 significant figures"). */
export function describeTolerance(tol: Tolerance): string {
  switch (tol.type) {
    case "abs": return `±${tol.value}`;
    case "rel": return `±${Number((tol.value * 100).toPrecision(3))}%`;
    case "sigfigs": return `${tol.value} significant figures`;
    default: {
      const never: never = tol;
      throw new Error(`unknown tolerance ${JSON.stringify(never)}`);
    }
  }
}
