import { elasticNetCD, ridgeClosedForm } from "./linearSolvers.ts";

/**
 * The picture behind "L1 gives corners, L2 gives circles" for a two-weight regression.
 * The data loss is a quadratic bowl in (w₁, w₂): L(w) = (w − ŵ)ᵀA(w − ŵ) + L(ŵ), with ŵ the
 * unregularized least-squares fit and A = XcᵀXc/n. The penalized optimum for λ is where the
 * smallest loss ellipse touches the constraint set of that size: the L2 circle of radius
 * ‖w_ridge‖₂, the L1 diamond of "radius" ‖w_lasso‖₁.
 */
export interface ConstraintGeometry {
  /** Unregularized optimum ŵ (center of the ellipses). */
  center: [number, number];
  /** A, row-major 2×2: the ellipses are (w − ŵ)ᵀA(w − ŵ) = level − minLoss. */
  hessian: [number, number, number, number];
  minLoss: number;
  l2: { weights: [number, number]; radius: number; loss: number };
  l1: { weights: [number, number]; radius: number; loss: number };
  lambda: number;
}

export function constraintGeometry(X: Float64Array, y: Float64Array, n: number, lambda: number): ConstraintGeometry {
  if (X.length !== n * 2) throw new Error("constraintGeometry needs exactly two features");
  let m0 = 0;
  let m1 = 0;
  for (let i = 0; i < n; i++) { m0 += X[2 * i]; m1 += X[2 * i + 1]; }
  m0 /= n;
  m1 /= n;
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  for (let i = 0; i < n; i++) {
    const u = X[2 * i] - m0;
    const v = X[2 * i + 1] - m1;
    a00 += u * u; a01 += u * v; a11 += v * v;
  }
  a00 /= n; a01 /= n; a11 /= n;
  const ols = ridgeClosedForm(X, y, n, 2, 0);
  const ridge = ridgeClosedForm(X, y, n, 2, lambda);
  const lasso = elasticNetCD(X, y, n, 2, lambda, 0);
  const dataLoss = (w: Float64Array) => {
    const dx = w[0] - ols.weights[0];
    const dy = w[1] - ols.weights[1];
    return ols.objective + a00 * dx * dx + 2 * a01 * dx * dy + a11 * dy * dy;
  };
  return {
    center: [ols.weights[0], ols.weights[1]],
    hessian: [a00, a01, a01, a11],
    minLoss: ols.objective,
    l2: { weights: [ridge.weights[0], ridge.weights[1]], radius: Math.sqrt(ridge.weights[0] * ridge.weights[0] + ridge.weights[1] * ridge.weights[1]), loss: dataLoss(ridge.weights) },
    l1: { weights: [lasso.weights[0], lasso.weights[1]], radius: Math.abs(lasso.weights[0]) + Math.abs(lasso.weights[1]), loss: dataLoss(lasso.weights) },
    lambda,
  };
}
