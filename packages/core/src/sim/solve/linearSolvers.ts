import { solveSpd } from "../math/linalg.ts";
import { softThreshold } from "../train/regularizer.ts";

/**
 * Exact minimizers of the linear-regression objective used everywhere in LiveLab:
 *   J(w, b) = (1/n)·Σ(xᵢ·w + b − yᵢ)² + l1·‖w‖₁ + l2·‖w‖₂²     (bias b not penalized)
 * Because b is free, it is eliminated by centering: b = ȳ − x̄·w, and w solves the same
 * problem on centered data.
 */
export interface LinearSolution {
  weights: Float64Array;
  bias: number;
  objective: number;
  /** Coordinate-descent sweeps used (0 for the closed form). */
  iterations: number;
}

interface Centered {
  Xc: Float64Array;
  yc: Float64Array;
  xMean: Float64Array;
  yMean: number;
}

function center(X: Float64Array, y: Float64Array, n: number, d: number): Centered {
  const xMean = new Float64Array(d);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xMean[j] += X[i * d + j];
    yMean += y[i];
  }
  for (let j = 0; j < d; j++) xMean[j] /= n;
  yMean /= n;
  const Xc = new Float64Array(n * d);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) Xc[i * d + j] = X[i * d + j] - xMean[j];
    yc[i] = y[i] - yMean;
  }
  return { Xc, yc, xMean, yMean };
}

/** J(w, b) as defined above. */
export function linearObjective(
  X: Float64Array, y: Float64Array, n: number, d: number,
  weights: Float64Array, bias: number, l1: number, l2: number,
): number {
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let p = bias;
    for (let j = 0; j < d; j++) p += X[i * d + j] * weights[j];
    sse += (p - y[i]) * (p - y[i]);
  }
  let a = 0;
  let s = 0;
  for (let j = 0; j < d; j++) {
    a += Math.abs(weights[j]);
    s += weights[j] * weights[j];
  }
  return sse / n + l1 * a + l2 * s;
}

/**
 * Ridge in closed form: (XcᵀXc/n + l2·I) w = Xcᵀyc/n — the source's (XᵀX + λI)⁻¹Xᵀy with
 * the 1/n of the mean-squared loss written out. Requires l2 > 0 or XᵀX invertible.
 */
export function ridgeClosedForm(X: Float64Array, y: Float64Array, n: number, d: number, l2: number): LinearSolution {
  const { Xc, yc, xMean, yMean } = center(X, y, n, d);
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const xij = Xc[i * d + j];
      rhs[j] += xij * yc[i];
      for (let k = 0; k <= j; k++) A[j * d + k] += xij * Xc[i * d + k];
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) {
      A[j * d + k] /= n;
      A[k * d + j] = A[j * d + k];
    }
    A[j * d + j] += l2;
    rhs[j] /= n;
  }
  const weights = solveSpd(A, rhs, d);
  let bias = yMean;
  for (let j = 0; j < d; j++) bias -= xMean[j] * weights[j];
  return { weights, bias, objective: linearObjective(X, y, n, d, weights, bias, 0, l2), iterations: 0 };
}

export interface CoordinateDescentOptions {
  /** Stop when no weight moved more than this in a sweep. */
  tolerance?: number;
  maxSweeps?: number;
  /** Warm start (e.g. along a regularization path). */
  init?: Float64Array;
}

/**
 * Elastic net (lasso when l2 = 0) by cyclic coordinate descent on centered data. Each
 * coordinate's exact minimizer is a soft-thresholding:
 *   wⱼ = S(2ρⱼ, l1) / (2(zⱼ + l2)),  ρⱼ = (1/n)Σ xᵢⱼ(rᵢ + xᵢⱼwⱼ),  zⱼ = (1/n)Σ xᵢⱼ².
 */
export function elasticNetCD(
  X: Float64Array, y: Float64Array, n: number, d: number, l1: number, l2: number,
  opts: CoordinateDescentOptions = {},
): LinearSolution {
  const tol = opts.tolerance ?? 1e-13;
  const maxSweeps = opts.maxSweeps ?? 100_000;
  const { Xc, yc, xMean, yMean } = center(X, y, n, d);
  const w = opts.init ? new Float64Array(opts.init) : new Float64Array(d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z[j] += Xc[i * d + j] * Xc[i * d + j];
  for (let j = 0; j < d; j++) z[j] /= n;
  // Residual r = yc − Xc·w, kept up to date.
  const r = new Float64Array(yc);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) r[i] -= Xc[i * d + j] * w[j];
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let maxDelta = 0;
    for (let j = 0; j < d; j++) {
      if (z[j] === 0) continue;
      let rho = 0;
      for (let i = 0; i < n; i++) rho += Xc[i * d + j] * r[i];
      rho = rho / n + z[j] * w[j];
      const next = softThreshold(2 * rho, l1) / (2 * (z[j] + l2));
      const delta = next - w[j];
      if (delta !== 0) {
        for (let i = 0; i < n; i++) r[i] -= Xc[i * d + j] * delta;
        w[j] = next;
        if (Math.abs(delta) > maxDelta) maxDelta = Math.abs(delta);
      }
    }
    if (maxDelta <= tol) break;
  }
  let bias = yMean;
  for (let j = 0; j < d; j++) bias -= xMean[j] * w[j];
  return { weights: w, bias, objective: linearObjective(X, y, n, d, w, bias, l1, l2), iterations: sweeps + 1 };
}

/** The exact minimizer for any (l1, l2): closed form when l1 = 0, coordinate descent otherwise. */
export function solveLinear(X: Float64Array, y: Float64Array, n: number, d: number, l1: number, l2: number): LinearSolution {
  if (l1 === 0 && l2 > 0) return ridgeClosedForm(X, y, n, d, l2);
  return elasticNetCD(X, y, n, d, l1, l2);
}

/**
 * Gradient of the smooth part (data loss + l2 term) at (w, b): what the KKT conditions of
 * lasso / elastic net are stated in. Returns [∂/∂w₁…∂/∂w_d, ∂/∂b].
 */
export function smoothGradient(
  X: Float64Array, y: Float64Array, n: number, d: number, w: Float64Array, b: number, l2: number,
): Float64Array {
  const g = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    let p = b;
    for (let j = 0; j < d; j++) p += X[i * d + j] * w[j];
    const r = (2 * (p - y[i])) / n;
    for (let j = 0; j < d; j++) g[j] += r * X[i * d + j];
    g[d] += r;
  }
  for (let j = 0; j < d; j++) g[j] += 2 * l2 * w[j];
  return g;
}
