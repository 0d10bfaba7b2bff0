import { detSigmoid, detSoftplus } from "../math/detmath.ts";
import type { Prng } from "../math/prng.ts";
import { activationBackward, applyDropout, denseForward, denseGradient, denseInputDelta, reluInPlace, tanhInPlace } from "./denseKernels.ts";

export type Activation = "tanh" | "relu";
export type Task = "regression" | "classification";

export interface NetworkConfig {
  inputDim: number;
  /** Hidden layer widths; empty for linear / logistic regression. */
  hidden: readonly number[];
  activation: Activation;
  task: Task;
}

/** Examples evaluated per pass when no gradient is needed (loss, grids): buffers stay in cache. */
const EVAL_CHUNK = 128;

/**
 * A fully connected network with one output, stored as ONE flat Float64Array of parameters:
 * for each layer, its weight matrix (row-major, out × in) then its biases. Linear regression
 * (no hidden layers, MSE) and logistic regression (no hidden layers, cross-entropy) are the
 * same class with `hidden = []`.
 *
 * Data loss convention (fixed across LiveLab): regression uses the mean squared error
 * (1/n)·Σ(ŷᵢ − yᵢ)²; classification the mean binary cross-entropy on the logit.
 *
 * Every pass runs layer by layer over a whole batch of examples (denseKernels.ts), in buffers
 * made once and grown only when a larger batch comes (never per step). Results are the same
 * bits as one example at a time: each sum keeps its order. Hidden units may use inverted
 * dropout: a unit is kept with probability `keepProb` and, when kept, scaled by 1/keepProb, so
 * its expected value is unchanged.
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

  private readonly relu: boolean;
  private readonly classification: boolean;
  /** Examples the buffers below hold. */
  private capacity = 0;
  /** act[0]: the batch's inputs; act[l], 0 < l < nLayers: layer l's output after dropout; act[nLayers]: the outputs. */
  private act: Float64Array[] = [];
  /** hid[l]: hidden layer l's activation before dropout (only used when units are dropped). */
  private hid: Float64Array[] = [];
  private kept: Uint8Array[] = [];
  /** delta[l]: ∂loss/∂(layer l's output, after its activation). */
  private delta: Float64Array[] = [];
  /** Scratch for the kernels' lists of nonzero deltas (≥ the batch and every layer's width). */
  private nz = new Int32Array(0);

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
    this.lastMask = config.hidden.map((n) => new Uint8Array(n).fill(1));
    this.relu = config.activation === "relu";
    this.classification = config.task === "classification";
    this.reserve(1);
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
    this.gather(X, null, row, 1);
    return this.forwardBatch(params, 1, 1, null)[0];
  }

  /**
   * Outputs for rows start … start+n−1 of X into out[0 … n), without dropout, evaluated in
   * chunks layer by layer (the decision grid's 10 000 points, the loss over a data set).
   */
  outputs(params: Float64Array, X: Float64Array, start: number, n: number, out: Float64Array): void {
    this.reserve(EVAL_CHUNK);
    for (let done = 0; done < n; done += EVAL_CHUNK) {
      const count = n - done < EVAL_CHUNK ? n - done : EVAL_CHUNK;
      this.gather(X, null, start + done, count);
      out.set(this.forwardBatch(params, count, 1, null).subarray(0, count), done);
    }
  }

  /** Mean data loss over the first n rows of (X, Y), without dropout. */
  loss(params: Float64Array, X: Float64Array, Y: Float64Array, n: number): number {
    if (n === 0) return 0;
    this.reserve(EVAL_CHUNK);
    let total = 0;
    for (let done = 0; done < n; done += EVAL_CHUNK) {
      const count = n - done < EVAL_CHUNK ? n - done : EVAL_CHUNK;
      this.gather(X, null, done, count);
      const z = this.forwardBatch(params, count, 1, null);
      for (let b = 0; b < count; b++) {
        const y = Y[done + b];
        const zb = z[b];
        if (this.classification) total += detSoftplus(zb) - zb * y;
        else total += (zb - y) * (zb - y);
      }
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
    const L = this.nLayers;
    const dropout = keepProb < 1;
    const invKeep = dropout ? 1 / keepProb : 1;
    const scale = 1 / count;
    this.reserve(count);
    this.gather(X, indices, start, count);
    const z = this.forwardBatch(params, count, keepProb, dropout ? rng : null);
    for (let l = 1; l < L; l++) {
      if (dropout) this.lastMask[l - 1].set(this.kept[l].subarray(0, this.sizes[l]));
      else this.lastMask[l - 1].fill(1);
    }
    // Output layer: loss and its derivative per example.
    const dz = this.delta[L];
    let total = 0;
    for (let b = 0; b < count; b++) {
      const zb = z[b];
      const y = Y[indices[start + b]];
      if (this.classification) {
        total += detSoftplus(zb) - zb * y;
        dz[b] = (detSigmoid(zb) - y) * scale;
      } else {
        const r = zb - y;
        total += r * r;
        dz[b] = 2 * r * scale;
      }
    }
    // Backward, layer by layer over the whole batch.
    for (let l = L - 1; l >= 0; l--) {
      const nin = this.sizes[l];
      const nout = this.sizes[l + 1];
      denseGradient(grad, this.weightOffset[l], this.biasOffset[l], nin, nout, this.act[l], this.delta[l + 1], count, this.nz);
      if (l === 0) break;
      const dPrev = this.delta[l];
      denseInputDelta(params, this.weightOffset[l], nin, nout, this.delta[l + 1], dPrev, count, this.nz);
      activationBackward(dPrev, dropout ? this.hid[l] : this.act[l], dropout ? this.kept[l] : null, this.relu, invKeep, count * nin);
    }
    return total / count;
  }

  /**
   * Forward pass for row `row` of X alone (training mode with an `rng`: dropout masks drawn with
   * keep probability `keepProb`). Returns the output.
   */
  forward(params: Float64Array, X: Float64Array, row: number, keepProb: number, rng: Prng | null): number {
    this.gather(X, null, row, 1);
    return this.forwardBatch(params, 1, keepProb, keepProb < 1 ? rng : null)[0];
  }

  /** Copy the batch's input rows (indices[start + b], or start + b without indices) into act[0]. */
  private gather(X: Float64Array, indices: ArrayLike<number> | null, start: number, count: number): void {
    const d = this.sizes[0];
    const a0 = this.act[0];
    for (let b = 0; b < count; b++) {
      const src = (indices === null ? start + b : indices[start + b]) * d;
      for (let i = 0; i < d; i++) a0[b * d + i] = X[src + i];
    }
  }

  /**
   * Forward over the `count` examples in act[0], layer by layer; returns the outputs (act[nLayers]).
   * With an rng, every dropout mask is drawn first, in the order example → layer → unit (the
   * order the one-example-at-a-time code drew them, so the random stream is unchanged).
   */
  private forwardBatch(params: Float64Array, count: number, keepProb: number, rng: Prng | null): Float64Array {
    const L = this.nLayers;
    if (rng !== null) {
      for (let b = 0; b < count; b++) {
        for (let l = 1; l < L; l++) {
          const n = this.sizes[l];
          const kept = this.kept[l];
          for (let o = 0; o < n; o++) kept[b * n + o] = rng.nextFloat32() < keepProb ? 1 : 0;
        }
      }
    }
    for (let l = 0; l < L; l++) {
      const nout = this.sizes[l + 1];
      const out = rng !== null && l < L - 1 ? this.hid[l + 1] : this.act[l + 1];
      denseForward(params, this.weightOffset[l], this.biasOffset[l], this.sizes[l], nout, this.act[l], out, count);
      if (l === L - 1) break; // the output unit has no activation (the loss applies sigmoid)
      const n = count * nout;
      if (this.relu) reluInPlace(out, n);
      else tanhInPlace(out, n);
      if (rng !== null) applyDropout(out, this.kept[l + 1], 1 / keepProb, this.act[l + 1], n);
    }
    return this.act[L];
  }

  /** Make the batch buffers hold at least `count` examples (they only ever grow). */
  private reserve(count: number): void {
    if (count <= this.capacity) return;
    const n = Math.max(count, 2 * this.capacity);
    this.act = this.sizes.map((s) => new Float64Array(n * s));
    this.hid = this.sizes.map((s) => new Float64Array(n * s));
    this.kept = this.sizes.map((s) => new Uint8Array(n * s));
    this.delta = this.sizes.map((s) => new Float64Array(n * s));
    this.nz = new Int32Array(Math.max(n, ...this.sizes));
    this.capacity = n;
  }
}
