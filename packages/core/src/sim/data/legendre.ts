import type { FeatureMap } from "./dataset.ts";

/**
 * Polynomial features P₁(x)…P_d(x) in the Legendre basis on [−1, 1].
 *
 * Why not plain powers x, x², …, x⁹? On [−1, 1] the monomials are nearly collinear (the Gram
 * matrix of degree 9 has condition number ~1e7), so gradient descent would need millions of
 * steps to reach the wiggly interpolant the overfitting demo must show. Legendre polynomials
 * span exactly the same functions, stay in [−1, 1], and are nearly orthogonal, so training
 * reaches the overfit in hundreds of steps. The model is still "a degree-9 polynomial".
 */
export function legendreFeatures(degree: number): FeatureMap {
  return {
    outDim: degree,
    description: `Legendre polynomials P1..P${degree} of x in [-1, 1]`,
    apply(raw, rawOffset, out, outOffset) {
      const x = raw[rawOffset];
      let pPrev = 1; // P0
      let p = x; // P1
      if (degree >= 1) out[outOffset] = p;
      for (let k = 1; k < degree; k++) {
        const next = ((2 * k + 1) * x * p - k * pPrev) / (k + 1);
        pPrev = p;
        p = next;
        out[outOffset + k] = p;
      }
    },
  };
}
