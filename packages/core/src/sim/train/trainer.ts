import type { Dataset } from "../data/dataset.ts";
import { hashFloat64Arrays } from "../math/hash.ts";
import { Prng } from "../math/prng.ts";
import { Network, type NetworkConfig } from "../model/network.ts";
import { newOptimizerState, optimizerStep, type Hyper, type OptimizerState } from "./optimizer.ts";
import { penaltyValues } from "./regularizer.ts";

/** Everything that may change between steps (a teacher's live controls). */
export interface LiveHyper extends Hyper {
  /** Inverted-dropout keep probability p for hidden units (1 = no dropout). */
  keepProb: number;
}

export interface TrainerOptions {
  network: NetworkConfig;
  /** Mini-batch size; ≥ the training-set size means full-batch gradient descent. */
  batchSize: number;
  /** Evaluate validation loss after every step and remember the best weights. */
  trackBest: boolean;
  /** With trackBest: stop after this many steps without a new best (0 = never stop). */
  patience: number;
}

/** Metrics of one model at one step. */
export interface StepMetrics {
  step: number;
  /** Data loss on the whole training set (no dropout, no penalty). */
  trainLoss: number;
  /** Data loss on the validation set. */
  valLoss: number;
  /** l1·‖w‖₁ + l2·‖w‖₂² at the current λs. */
  penalty: number;
  /** trainLoss + penalty: the regularized objective J. */
  objective: number;
  l1Norm: number;
  l2NormSq: number;
  /** Penalized weights that are exactly 0. */
  zeroWeights: number;
  weightsHash: string;
  bestStep?: number;
  bestValLoss?: number;
  stopped?: boolean;
}

export interface BestSoFar {
  step: number;
  valLoss: number;
  params: Float64Array;
}

/**
 * Trains one model on one dataset, one step at a time, deterministically: given the same
 * dataset, options, hyper-parameters and seed, every JavaScript engine produces the same
 * weights bit for bit. The random stream (batch order, dropout masks) comes from one PRNG
 * whose state is part of the trainer's state.
 */
export class Trainer {
  readonly net: Network;
  readonly data: Dataset;
  readonly options: TrainerOptions;
  hyper: LiveHyper;
  params: Float64Array;
  readonly grad: Float64Array;
  opt: OptimizerState;
  readonly rng: Prng;
  /** Current epoch's permutation of training rows and the position in it. */
  order: Uint32Array;
  cursor: number;
  step = 0;
  best: BestSoFar | null = null;
  stopped = false;
  private cachedVal = { step: -1, loss: NaN };
  private cachedTrain = { step: -1, loss: NaN };

  constructor(data: Dataset, options: TrainerOptions, hyper: LiveHyper, seed: number) {
    this.data = data;
    this.options = options;
    this.hyper = { ...hyper };
    this.net = new Network(options.network);
    this.params = new Float64Array(this.net.nParams);
    this.grad = new Float64Array(this.net.nParams);
    this.opt = newOptimizerState(this.net.nParams);
    this.rng = new Prng(seed);
    this.net.init(this.params, this.rng);
    this.order = new Uint32Array(data.nTrain);
    for (let i = 0; i < data.nTrain; i++) this.order[i] = i;
    // Start "at the end of an epoch" so the first mini-batch triggers a shuffle.
    this.cursor = data.nTrain;
    if (options.trackBest) this.recordBest();
  }

  /**
   * One optimizer update. Once early stopping has stopped the run (and restored the best
   * weights) the step counter still advances (the class's clock runs on) but the weights no
   * longer change.
   */
  trainStep(): void {
    if (this.stopped) {
      this.step++;
      return;
    }
    const n = this.data.nTrain;
    const bs = this.options.batchSize;
    let start = 0;
    let count = n;
    if (bs < n) {
      if (this.cursor + bs > n) {
        this.shuffle();
        this.cursor = 0;
      }
      start = this.cursor;
      count = bs;
      this.cursor += bs;
    }
    this.net.lossAndGrad(
      this.params, this.grad, this.data.trainX, this.data.trainY, this.order, start, count, this.hyper.keepProb, this.rng,
    );
    optimizerStep(this.params, this.grad, this.net.penalized, this.opt, this.hyper);
    this.step++;
    if (this.options.trackBest) {
      this.recordBest();
      const patience = this.options.patience;
      if (patience > 0 && this.best !== null && this.step - this.best.step >= patience) {
        // Early stopping keeps the best weights (Keras' restore_best_weights): the run ends
        // on the model it would hand over, not on the overfitted one `patience` steps later.
        this.stopped = true;
        this.restoreBest();
      }
    }
  }

  /** Data loss on the whole training set, computed once per step (a page asks every frame). */
  trainLoss(): number {
    if (this.cachedTrain.step !== this.step) {
      this.cachedTrain.step = this.step;
      this.cachedTrain.loss = this.net.loss(this.params, this.data.trainX, this.data.trainY, this.data.nTrain);
    }
    return this.cachedTrain.loss;
  }

  valLoss(): number {
    if (this.cachedVal.step !== this.step) {
      this.cachedVal.step = this.step;
      this.cachedVal.loss = this.net.loss(this.params, this.data.valX, this.data.valY, this.data.nVal);
    }
    return this.cachedVal.loss;
  }

  weightsHash(): string {
    return hashFloat64Arrays([this.params]);
  }

  metrics(): StepMetrics {
    const trainLoss = this.trainLoss();
    const pv = penaltyValues(this.params, this.net.penalized, this.hyper.l1, this.hyper.l2);
    const m: StepMetrics = {
      step: this.step,
      trainLoss,
      valLoss: this.valLoss(),
      penalty: pv.penalty,
      objective: trainLoss + pv.penalty,
      l1Norm: pv.l1Norm,
      l2NormSq: pv.l2NormSq,
      zeroWeights: pv.zeroWeights,
      weightsHash: this.weightsHash(),
    };
    if (this.best !== null) {
      m.bestStep = this.best.step;
      m.bestValLoss = this.best.valLoss;
      m.stopped = this.stopped;
    }
    return m;
  }

  /** Replace the weights by the best-validation weights seen so far (early stopping). */
  restoreBest(): void {
    if (this.best === null) throw new Error("restoreBest: this run does not track the best step");
    this.params.set(this.best.params);
    this.touch();
  }

  /** Invalidate cached evaluations after the parameters were replaced from outside. */
  touch(): void {
    this.cachedVal.step = -1;
    this.cachedTrain.step = -1;
  }

  private recordBest(): void {
    const v = this.valLoss();
    if (this.best === null || v < this.best.valLoss) {
      if (this.best === null) this.best = { step: this.step, valLoss: v, params: new Float64Array(this.params) };
      else {
        this.best.step = this.step;
        this.best.valLoss = v;
        this.best.params.set(this.params);
      }
    }
  }

  /** Fisher–Yates shuffle of the row order with the trainer's PRNG. */
  private shuffle(): void {
    const a = this.order;
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.rng.nextInt(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
