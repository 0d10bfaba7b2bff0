/**
 * The loops a network spends its time in, over a whole batch at once, on flat arrays: example b's
 * values of a layer with n units are a[b·n … b·n + n). Each is a small monomorphic function
 * (typed arrays and integers only, no closures, no allocation), so V8 optimizes it the same way
 * whoever calls it — the training step's speed no longer depends on what the inliner decided
 * for the code around it. Every sum runs in the same order as the one-example-at-a-time code
 * did, so the results are the same bits.
 */
import { detTanh } from "../math/tanh.ts";

/**
 * z = b + W·a for `count` examples: zOut[b·nout + o] = params[b0 + o] + Σᵢ params[w0 + o·nin + i]·aIn[b·nin + i],
 * each sum in i order. Four output units at a time: four independent sums keep the CPU's
 * floating-point units busy where one sum would wait on its own previous addition.
 */
export function denseForward(
  params: Float64Array, w0: number, b0: number, nin: number, nout: number,
  aIn: Float64Array, zOut: Float64Array, count: number,
): void {
  const nout4 = nout - (nout % 4);
  for (let b = 0; b < count; b++) {
    const ib = b * nin;
    const ob = b * nout;
    let o = 0;
    for (; o < nout4; o += 4) {
      const r0 = w0 + o * nin;
      const r1 = r0 + nin;
      const r2 = r1 + nin;
      const r3 = r2 + nin;
      let z0 = params[b0 + o];
      let z1 = params[b0 + o + 1];
      let z2 = params[b0 + o + 2];
      let z3 = params[b0 + o + 3];
      for (let i = 0; i < nin; i++) {
        const a = aIn[ib + i];
        z0 += params[r0 + i] * a;
        z1 += params[r1 + i] * a;
        z2 += params[r2 + i] * a;
        z3 += params[r3 + i] * a;
      }
      zOut[ob + o] = z0;
      zOut[ob + o + 1] = z1;
      zOut[ob + o + 2] = z2;
      zOut[ob + o + 3] = z3;
    }
    for (; o < nout; o++) {
      const r0 = w0 + o * nin;
      let z = params[b0 + o];
      for (let i = 0; i < nin; i++) z += params[r0 + i] * aIn[ib + i];
      zOut[ob + o] = z;
    }
  }
}

/** a ← tanh(a) for the first n entries. */
export function tanhInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) a[j] = detTanh(a[j]);
}

/** a ← max(a, 0) for the first n entries (−0 becomes +0). */
export function reluInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const z = a[j];
    a[j] = z > 0 ? z : 0;
  }
}

/** Inverted dropout: out = h / p where kept, 0 where dropped (first n entries). */
export function applyDropout(h: Float64Array, kept: Uint8Array, invKeep: number, out: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) out[j] = kept[j] === 1 ? h[j] * invKeep : 0;
}

/**
 * Gradient of one dense layer over `count` examples, added to `grad`: for each weight,
 * Σ_b g[b][o]·a[b][i], and for each bias Σ_b g[b][o], summed in example order (the order the
 * one-example-at-a-time code accumulated them). Four weights at a time, each in its own
 * register. Examples with g = 0 (a dropped or dead unit) are skipped, as that code skipped
 * them: they are listed once per unit in `nz` (scratch, ≥ count), so the inner loops have no
 * unpredictable branch.
 */
export function denseGradient(
  grad: Float64Array, w0: number, b0: number, nin: number, nout: number,
  aIn: Float64Array, delta: Float64Array, count: number, nz: Int32Array,
): void {
  const nin4 = nin - (nin % 4);
  for (let o = 0; o < nout; o++) {
    let m = 0;
    let sb = grad[b0 + o];
    for (let b = 0; b < count; b++) {
      const g = delta[b * nout + o];
      if (g !== 0) {
        sb += g;
        nz[m++] = b;
      }
    }
    grad[b0 + o] = sb;
    const r0 = w0 + o * nin;
    let i = 0;
    for (; i < nin4; i += 4) {
      let s0 = grad[r0 + i];
      let s1 = grad[r0 + i + 1];
      let s2 = grad[r0 + i + 2];
      let s3 = grad[r0 + i + 3];
      for (let k = 0; k < m; k++) {
        const b = nz[k];
        const g = delta[b * nout + o];
        const ib = b * nin + i;
        s0 += g * aIn[ib];
        s1 += g * aIn[ib + 1];
        s2 += g * aIn[ib + 2];
        s3 += g * aIn[ib + 3];
      }
      grad[r0 + i] = s0;
      grad[r0 + i + 1] = s1;
      grad[r0 + i + 2] = s2;
      grad[r0 + i + 3] = s3;
    }
    for (; i < nin; i++) {
      let s = grad[r0 + i];
      for (let k = 0; k < m; k++) {
        const b = nz[k];
        s += delta[b * nout + o] * aIn[b * nin + i];
      }
      grad[r0 + i] = s;
    }
  }
}

/**
 * The loss's derivative with respect to a dense layer's inputs: dIn[b][i] = Σₒ W[o][i]·g[b][o],
 * summed in o order from 0, skipping g = 0 (listed once per example in `nz`, ≥ nout); four
 * inputs at a time.
 */
export function denseInputDelta(
  params: Float64Array, w0: number, nin: number, nout: number,
  delta: Float64Array, dIn: Float64Array, count: number, nz: Int32Array,
): void {
  const nin4 = nin - (nin % 4);
  for (let b = 0; b < count; b++) {
    const ob = b * nout;
    const ib = b * nin;
    let m = 0;
    for (let o = 0; o < nout; o++) if (delta[ob + o] !== 0) nz[m++] = o;
    let i = 0;
    for (; i < nin4; i += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < m; k++) {
        const o = nz[k];
        const g = delta[ob + o];
        const r = w0 + o * nin + i;
        s0 += params[r] * g;
        s1 += params[r + 1] * g;
        s2 += params[r + 2] * g;
        s3 += params[r + 3] * g;
      }
      dIn[ib + i] = s0;
      dIn[ib + i + 1] = s1;
      dIn[ib + i + 2] = s2;
      dIn[ib + i + 3] = s3;
    }
    for (; i < nin; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) {
        const o = nz[k];
        s += params[w0 + o * nin + i] * delta[ob + o];
      }
      dIn[ib + i] = s;
    }
  }
}

/**
 * d ← d · (f′(h) · invKeep) through the activation (and dropout) of a hidden layer, where
 * h = f(z) is the activation's output: f′ = 1 − h² for tanh, [h > 0] for ReLU. Dropped units
 * (kept = 0) get 0. `kept` is null when no unit was dropped.
 */
export function activationBackward(d: Float64Array, h: Float64Array, kept: Uint8Array | null, relu: boolean, invKeep: number, n: number): void {
  for (let j = 0; j < n; j++) {
    if (kept !== null && kept[j] === 0) {
      d[j] = 0;
      continue;
    }
    const hj = h[j];
    const deriv = relu ? (hj > 0 ? 1 : 0) : 1 - hj * hj;
    d[j] *= deriv * invKeep;
  }
}
