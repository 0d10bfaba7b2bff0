import { detSigmoid, detSoftplus, detTanh } from "../math/detmath.ts";
import type { Prng } from "../math/prng.ts";

export type Activation = "tanh" | "relu";
export type Task = "regression" | "classification";

export interface NetworkConfig {
  inputDim: number;
  /** Hidden layer widths; empty for linear / logistic regression. */
  hidden: readonly number[];
  activation: Activation;
  task: Task;
}

/**
 * A fully connected network with one output, stored as ONE flat Float64Array of parameters:
 * for each layer, its weight matrix (row-major, out × in) then its biases. Linear regression
 * (no hidden layers, MSE) and logistic regression (no hidden layers, cross-entropy) are the
 * same class with `hidden = []`.
 *
 * Data loss convention (fixed across LiveLab): regression uses the mean squared error
 * (1/n)·Σ(ŷᵢ − yᵢ)²; classification the mean binary cross-entropy on the logit.
 *
 * The hot paths (`lossAndGrad`, `predict`) allocate nothing: all scratch buffers are made
 * once here. Hidden units may use inverted dropout: a unit is kept with probability
 * `keepProb` and, when kept, scaled by 1/keepProb, so its expected value is unchanged.
 */
export class Network {
  readonly config: NetworkConfig;
  readonly sizes: readonly number[];
  readonly nLayers: number;
  readonly nParams: number;
  readonly weightOffset: readonly number[];
  readonly biasOffset: readonly number[];
  /** 1 for weights (penalized), 0 for biases (never penalized). */
  readonly penalized: Uint8Array;
  /** Dropout masks of the first example of the last training batch, one per hidden layer. */
  readonly lastMask: Uint8Array[];

  private readonly act: Float64Array[];
  private readonly raw: Float64Array[];
  private readonly kept: Uint8Array[];
  private readonly delta: Float64Array[];

  constructor(config: NetworkConfig) {
    this.config = config;
    this.sizes = [config.inputDim, ...config.hidden, 1];
    this.nLayers = this.sizes.length - 1;
    const weightOffset: number[] = [];
    const biasOffset: number[] = [];
    let p = 0;
    for (let l = 0; l < this.nLayers; l++) {
      weightOffset.push(p);
      p += this.sizes[l] * this.sizes[l + 1];
      biasOffset.push(p);
      p += this.sizes[l + 1];
    }
    this.nParams = p;
    this.weightOffset = weightOffset;
    this.biasOffset = biasOffset;
    this.penalized = new Uint8Array(p);
    for (let l = 0; l < this.nLayers; l++) this.penalized.fill(1, weightOffset[l], biasOffset[l]);
    this.act = this.sizes.map((n) => new Float64Array(n));
    this.raw = this.sizes.map((n) => new Float64Array(n));
    this.kept = this.sizes.map((n) => new Uint8Array(n).fill(1));
    this.delta = this.sizes.map((n) => new Float64Array(n));
    this.lastMask = config.hidden.map((n) => new Uint8Array(n).fill(1));
  }

  /**
   * Initial parameters: zeros for a linear model (so paths start at the origin), Glorot
   * uniform weights and zero biases for a network with hidden layers.
   */
  init(params: Float64Array, rng: Prng): void {
    params.fill(0);
    if (this.nLayers === 1) return;
    for (let l = 0; l < this.nLayers; l++) {
      const nin = this.sizes[l];
      const nout = this.sizes[l + 1];
      const limit = Math.sqrt(6 / (nin + nout));
      const w0 = this.weightOffset[l];
      for (let k = 0; k < nin * nout; k++) params[w0 + k] = (2 * rng.nextFloat() - 1) * limit;
    }
  }

  /** Model output (value for regression, logit for classification) for row `row` of X. */
  predict(params: Float64Array, X: Float64Array, row: number): number {
    return this.forward(params, X, row * this.sizes[0], 1, null);
  }

  /** Mean data loss over the first n rows of (X, Y), without dropout. */
  loss(params: Float64Array, X: Float64Array, Y: Float64Array, n: number): number {
    if (n === 0) return 0;
    const d = this.sizes[0];
    let total = 0;
    const classification = this.config.task === "classification";
    for (let i = 0; i < n; i++) {
      const z = this.forward(params, X, i * d, 1, null);
      const y = Y[i];
      if (classification) total += detSoftplus(z) - z * y;
      else total += (z - y) * (z - y);
    }
    return total / n;
  }

  /**
   * Mean data loss over a batch and its gradient (written into `grad`, which is zeroed first).
   * `indices[start..start+count)` are the rows of the batch. With keepProb < 1, dropout masks for the
   * hidden units are drawn from `rng`, in order example by example, layer by layer, unit by unit.
   */
  lossAndGrad(
    params: Float64Array, grad: Float64Array,
    X: Float64Array, Y: Float64Array,
    indices: ArrayLike<number>, start: number, count: number,
    keepProb: number, rng: Prng,
  ): number {
    grad.fill(0);
    const d = this.sizes[0];
    const L = this.nLayers;
    const classification = this.config.task === "classification";
    const relu = this.config.activation === "relu";
    const dropRng = keepProb < 1 ? rng : null;
    const invKeep = keepProb < 1 ? 1 / keepProb : 1;
    const scale = 1 / count;
    let total = 0;
    for (let b = 0; b < count; b++) {
      const row = indices[start + b];
      const z = this.forward(params, X, row * d, keepProb, dropRng);
      if (b === 0) for (let l = 1; l < L; l++) this.lastMask[l - 1].set(this.kept[l]);
      const y = Y[row];
      let dz: number;
      if (classification) {
        total += detSoftplus(z) - z * y;
        dz = (detSigmoid(z) - y) * scale;
      } else {
        const r = z - y;
        total += r * r;
        dz = 2 * r * scale;
      }
      // Backward pass, accumulating into grad.
      this.delta[L][0] = dz;
      for (let l = L - 1; l >= 0; l--) {
        const nin = this.sizes[l];
        const nout = this.sizes[l + 1];
        const w0 = this.weightOffset[l];
        const b0 = this.biasOffset[l];
        const dl = this.delta[l + 1];
        const aIn = this.act[l];
        if (l === 0) {
          for (let o = 0; o < nout; o++) {
            const g = dl[o];
            if (g === 0) continue;
            grad[b0 + o] += g;
            const r0 = w0 + o * nin;
            for (let i = 0; i < nin; i++) grad[r0 + i] += g * aIn[i];
          }
          break;
        }
        const dPrev = this.delta[l];
        dPrev.fill(0, 0, nin);
        for (let o = 0; o < nout; o++) {
          const g = dl[o];
          if (g === 0) continue;
          grad[b0 + o] += g;
          const r0 = w0 + o * nin;
          for (let i = 0; i < nin; i++) {
            grad[r0 + i] += g * aIn[i];
            dPrev[i] += params[r0 + i] * g;
          }
        }
        const h = this.raw[l];
        const kept = this.kept[l];
        for (let i = 0; i < nin; i++) {
          if (kept[i] === 0) { dPrev[i] = 0; continue; }
          const hi = h[i];
          const deriv = relu ? (hi > 0 ? 1 : 0) : 1 - hi * hi;
          dPrev[i] *= deriv * invKeep;
        }
      }
    }
    return total / count;
  }

  /**
   * Forward pass for one example starting at X[offset]. Hidden activations (before dropout)
   * go to `raw`, after dropout to `act`; masks to `kept`. Returns the output. With an `rng`
   * this is a training-mode pass (dropout masks drawn with keep probability `keepProb`).
   */
  forward(params: Float64Array, X: Float64Array, offset: number, keepProb: number, rng: Prng | null): number {
    const L = this.nLayers;
    const a0 = this.act[0];
    const d = this.sizes[0];
    for (let i = 0; i < d; i++) a0[i] = X[offset + i];
    const relu = this.config.activation === "relu";
    const invKeep = 1 / keepProb;
    let out = 0;
    for (let l = 0; l < L; l++) {
      const nin = this.sizes[l];
      const nout = this.sizes[l + 1];
      const w0 = this.weightOffset[l];
      const b0 = this.biasOffset[l];
      const aIn = this.act[l];
      if (l === L - 1) {
        // Output layer: one unit, no activation (the loss applies sigmoid where needed).
        let z = params[b0];
        for (let i = 0; i < nin; i++) z += params[w0 + i] * aIn[i];
        out = z;
        break;
      }
      const aOut = this.act[l + 1];
      const raw = this.raw[l + 1];
      const kept = this.kept[l + 1];
      for (let o = 0; o < nout; o++) {
        let z = params[b0 + o];
        const r0 = w0 + o * nin;
        for (let i = 0; i < nin; i++) z += params[r0 + i] * aIn[i];
        const h = relu ? (z > 0 ? z : 0) : detTanh(z);
        raw[o] = h;
        if (rng !== null) {
          const keep = rng.nextFloat32() < keepProb ? 1 : 0;
          kept[o] = keep;
          aOut[o] = keep === 1 ? h * invKeep : 0;
        } else {
          kept[o] = 1;
          aOut[o] = h;
        }
      }
    }
    return out;
  }
}
