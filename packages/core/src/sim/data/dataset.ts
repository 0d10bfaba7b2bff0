/**
 * A dataset as the model sees it: row-major feature matrices (after any feature map) and
 * targets, for training and validation. `raw*` keeps the original inputs for drawing
 * (e.g. the x of a 1-D curve before the polynomial features).
 */
export interface Dataset {
  readonly task: "regression" | "classification";
  readonly nFeatures: number;
  readonly trainX: Float64Array;
  readonly trainY: Float64Array;
  readonly valX: Float64Array;
  readonly valY: Float64Array;
  readonly nTrain: number;
  readonly nVal: number;
  /** Inputs before the feature map, row-major with `rawDim` columns. */
  readonly rawDim: number;
  readonly rawTrainX: Float64Array;
  readonly rawValX: Float64Array;
  /** For synthetic linear data: the weights that generated it (for "which features matter"). */
  readonly trueWeights?: Float64Array;
  /** Maps a raw input row to model features (identity when absent). */
  readonly featureMap?: FeatureMap;
}

export interface FeatureMap {
  readonly outDim: number;
  /** Write the features of one raw input (`raw`, at `rawOffset`) into `out` at `outOffset`. */
  apply(raw: ArrayLike<number>, rawOffset: number, out: Float64Array, outOffset: number): void;
  readonly description: string;
}

/** Rows of `X` (n × d) as nested arrays, e.g. for JSON output. */
export function toRows(X: Float64Array, n: number, d: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(X.subarray(i * d, (i + 1) * d)));
  return rows;
}
