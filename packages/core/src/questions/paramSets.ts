import { Prng } from "../sim/math/prng.ts";
import type { QuestionTemplate } from "./schema.ts";
import type { QuestionParams } from "./sampling.ts";

/** Above this many combinations the lesson check samples instead of enumerating. */
export const PARAM_SET_BOUND = 4096;
/** The sample is drawn with this seed, so a check gives the same verdict every time. */
export const PARAM_SET_SAMPLE_SEED = 0x1e55;

export interface ParamSets {
  /** The parameter sets to check, in a stable order. */
  sets: QuestionParams[];
  /** How many combinations the question's value lists allow. */
  total: number;
  /** True when `sets` is a seeded sample of `total`, not all of them. */
  sampled: boolean;
}

/** The idx-th combination, counting in mixed radix (the first parameter changes slowest). */
function combination(specs: [string, number[]][], idx: number): QuestionParams {
  const out: QuestionParams = {};
  for (let i = specs.length - 1; i >= 0; i--) {
    const [name, values] = specs[i];
    out[name] = values[idx % values.length];
    idx = Math.floor(idx / values.length);
  }
  return Object.fromEntries(specs.map(([name]) => [name, out[name]]));
}

/**
 * Every combination of a question's per-student parameter values — every set a student can
 * be given — or, past `bound`, a seeded sample of `bound` of them (with replacement).
 */
export function parameterSets(t: Pick<QuestionTemplate, "params">, bound = PARAM_SET_BOUND): ParamSets {
  const specs = Object.entries(t.params).map(([name, spec]) => [name, spec.values] as [string, number[]]);
  const total = specs.reduce((n, [, values]) => n * values.length, 1);
  if (total <= bound) return { sets: Array.from({ length: total }, (_, i) => combination(specs, i)), total, sampled: false };
  const rng = new Prng(PARAM_SET_SAMPLE_SEED);
  // One draw per parameter (not one index into all combinations, which may pass 2^32).
  const draw = (): QuestionParams => Object.fromEntries(specs.map(([name, values]) => [name, values[rng.nextInt(values.length)]]));
  return { sets: Array.from({ length: bound }, draw), total, sampled: true };
}

/** "η = 0.1, λ = 0.01, k = 10": a parameter set as a person reads it (labels where given). */
export function describeParams(t: Pick<QuestionTemplate, "params">, params: QuestionParams): string {
  const parts = Object.entries(params).map(([name, v]) => `${t.params[name]?.label ?? name} = ${v}`);
  return parts.length ? parts.join(", ") : "no parameters";
}
