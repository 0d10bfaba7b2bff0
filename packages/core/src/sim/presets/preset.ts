import type { Dataset } from "../data/dataset.ts";
import type { NetworkConfig } from "../model/network.ts";
import type { OptimizerKind } from "../train/optimizer.ts";
import type { L1Mode } from "../train/regularizer.ts";
import type { LiveHyper } from "../train/trainer.ts";
import type { ParamDefs, ParamValues } from "./params.ts";

/** One model trained side by side with others on the same data (e.g. "Adam + L2" vs "AdamW"). */
export interface LaneDef {
  id: string;
  label: string;
  /** This lane's hyper-parameters from the current parameter values. */
  hyper(params: ParamValues): LiveHyper;
}

/** What a class experiment asks each student to choose (e.g. λ on a log slider). */
export interface ExperimentDef {
  param: string;
  label: string;
  min: number;
  max: number;
  allowZero: boolean;
  scale: "log" | "linear";
  /** Steps the server trains each student's choice for. */
  steps: number;
}

/**
 * A simulation recipe. `(preset, params, seed)` determines everything: the dataset, the
 * initial weights, every mini-batch and dropout mask.
 */
export interface Preset {
  id: string;
  title: string;
  summary: string;
  params: ParamDefs;
  /** Lesson playback: steps per second at 1x, and the run length shown by default. */
  playback: { stepsPerSecond: number; defaultSteps: number };
  dataset(params: ParamValues, seed: number): Dataset;
  network(params: ParamValues, data: Dataset): NetworkConfig;
  batchSize(params: ParamValues, data: Dataset): number;
  earlyStopping?: (params: ParamValues) => { patience: number };
  lanes: readonly LaneDef[];
  /**
   * The live parameters a teacher changes in class (the console offers these and no others):
   * e.g. not the optimizer of a preset whose lanes fix their own.
   */
  controls: readonly string[];
  /** Linear model with squared loss: `solve` and regularization paths apply. */
  linear: boolean;
  /** Extra analytic view: the L1/L2 constraint geometry (two-weight presets). */
  geometry?: boolean;
  experiment?: ExperimentDef;
}

/** Hyper-parameters read from the usual parameter names, with fixed fallbacks. */
export function hyperFromParams(p: ParamValues, overrides: Partial<LiveHyper> = {}): LiveHyper {
  const num = (name: string, dflt: number) => (typeof p[name] === "number" ? (p[name] as number) : dflt);
  const str = <T extends string>(name: string, dflt: T) => (typeof p[name] === "string" ? (p[name] as T) : dflt);
  return {
    optimizer: str<OptimizerKind>("optimizer", "sgd"),
    lr: num("lr", 0.05),
    momentum: num("momentum", 0),
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    l1: num("l1", 0),
    l2: num("l2", 0),
    l1Mode: str<L1Mode>("l1Mode", "proximal"),
    keepProb: num("keepProb", 1),
    ...overrides,
  };
}

export const singleLane: readonly LaneDef[] = [{ id: "main", label: "model", hyper: (p) => hyperFromParams(p) }];
