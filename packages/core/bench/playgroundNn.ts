/**
 * A yardstick, not part of LiveLab: the training loop of TensorFlow Playground's `nn.ts`
 * (Apache-2.0), re-written for this benchmark from its published design so both simulators run
 * side by side in one process. Like the original it is a graph of objects — one `Node` per unit,
 * one `Link` per weight — with `Math.tanh`, the per-link `accErrorDer / numAccumulatedDers`
 * averaging, the activation's derivative recomputing tanh in the backward pass, and the L2
 * regularizer's derivative applied in `updateWeights`. It is a faithful cost model, not a copy:
 * the numbers it learns are not compared with anything.
 */
type Activation = { output: (x: number) => number; der: (x: number) => number };

const TANH: Activation = {
  output: (x) => Math.tanh(x),
  der: (x) => {
    const o = Math.tanh(x);
    return 1 - o * o;
  },
};
const L2_DER = (w: number) => w;

class Link {
  weight: number;
  errorDer = 0;
  accErrorDer = 0;
  numAccumulatedDers = 0;
  constructor(readonly source: Node, readonly dest: Node, weight: number) {
    this.weight = weight;
  }
}

class Node {
  inputLinks: Link[] = [];
  outputs: Link[] = [];
  bias = 0.1;
  totalInput = 0;
  output = 0;
  outputDer = 0;
  inputDer = 0;
  accInputDer = 0;
  numAccumulatedDers = 0;
  constructor(readonly activation: Activation) {}

  updateOutput(): number {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

/** A Playground-style network: shape e.g. [2, 16, 16, 1], tanh everywhere, weights from `rand` (in [−0.5, 0.5)). */
export class PlaygroundNet {
  readonly layers: Node[][];

  constructor(shape: number[], rand: () => number) {
    this.layers = shape.map((n) => Array.from({ length: n }, () => new Node(TANH)));
    for (let l = 1; l < shape.length; l++) {
      for (const node of this.layers[l]) {
        for (const src of this.layers[l - 1]) {
          const link = new Link(src, node, rand() - 0.5);
          src.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }

  forwardProp(x: number, y: number): number {
    const input = this.layers[0];
    input[0].output = x;
    input[1].output = y;
    for (let l = 1; l < this.layers.length; l++) {
      const layer = this.layers[l];
      for (let i = 0; i < layer.length; i++) layer[i].updateOutput();
    }
    return this.layers[this.layers.length - 1][0].output;
  }

  /** Square error ½(output − target)², as Playground's classification uses with labels ±1. */
  backProp(target: number): void {
    const out = this.layers[this.layers.length - 1][0];
    out.outputDer = out.output - target;
    for (let l = this.layers.length - 1; l >= 1; l--) {
      const layer = this.layers[l];
      for (const node of layer) {
        node.inputDer = node.outputDer * node.activation.der(node.totalInput);
        node.accInputDer += node.inputDer;
        node.numAccumulatedDers++;
      }
      for (const node of layer) {
        for (const link of node.inputLinks) {
          link.errorDer = node.inputDer * link.source.output;
          link.accErrorDer += link.errorDer;
          link.numAccumulatedDers++;
        }
      }
      if (l === 1) continue;
      for (const node of this.layers[l - 1]) {
        node.outputDer = 0;
        for (const output of node.outputs) node.outputDer += output.weight * output.dest.inputDer;
      }
    }
  }

  updateWeights(learningRate: number, regularizationRate: number): void {
    for (let l = 1; l < this.layers.length; l++) {
      for (const node of this.layers[l]) {
        if (node.numAccumulatedDers > 0) {
          node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
          node.accInputDer = 0;
          node.numAccumulatedDers = 0;
        }
        for (const link of node.inputLinks) {
          if (link.numAccumulatedDers > 0) {
            link.weight -= (learningRate / link.numAccumulatedDers) * link.accErrorDer;
            link.weight -= learningRate * regularizationRate * L2_DER(link.weight);
            link.accErrorDer = 0;
            link.numAccumulatedDers = 0;
          }
        }
      }
    }
  }
}

/** One Playground "step" as the comparison counts it: one mini-batch of `batch` points, then one update. */
export function playgroundStep(net: PlaygroundNet, X: Float64Array, labels: Float64Array, order: Uint32Array, start: number, batch: number): void {
  for (let b = 0; b < batch; b++) {
    const row = order[(start + b) % order.length];
    net.forwardProp(X[2 * row], X[2 * row + 1]);
    net.backProp(labels[row]);
  }
  net.updateWeights(0.03, 0.001);
}

/** Playground's heatmap: one forwardProp per grid cell, size × size over [−extent, extent]². */
export function playgroundGrid(net: PlaygroundNet, size: number, extent: number, out: Float64Array): void {
  const step = (2 * extent) / (size - 1);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) out[r * size + c] = net.forwardProp(-extent + c * step, -extent + r * step);
  }
}
