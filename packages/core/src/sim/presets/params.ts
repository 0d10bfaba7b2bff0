import { SimError } from "../errors.ts";

/**
 * A preset's parameters are declared, not implied: each has a type, a default, a range and
 * whether it is `live` (may change mid-run as a timeline event, e.g. λ) or structural (fixes
 * the data or the architecture, so changing it means a new run).
 */
export type ParamDef =
  | {
      type: "number";
      label: string;
      default: number;
      min: number;
      max: number;
      integer?: boolean;
      /** How a slider should move: λ-like values on a log scale. */
      scale?: "linear" | "log";
      live: boolean;
    }
  | { type: "enum"; label: string; values: readonly string[]; default: string; live: boolean };

export type ParamValue = number | string;
export type ParamValues = Record<string, ParamValue>;
export type ParamDefs = Record<string, ParamDef>;

/** Check one value against its definition; returns the normalized value or throws SimError. */
export function checkParam(name: string, def: ParamDef, value: unknown): ParamValue {
  if (def.type === "enum") {
    if (typeof value !== "string" || !def.values.includes(value)) {
      throw new SimError("INVALID_PARAM", `parameter ${name} must be one of ${def.values.join(", ")}, got ${JSON.stringify(value)}`);
    }
    return value;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SimError("INVALID_PARAM", `parameter ${name} must be a finite number, got ${JSON.stringify(value)}`);
  }
  if (value < def.min || value > def.max) {
    throw new SimError("INVALID_PARAM", `parameter ${name} must be between ${def.min} and ${def.max}, got ${value}`);
  }
  if (def.integer && !Number.isInteger(value)) {
    throw new SimError("INVALID_PARAM", `parameter ${name} must be an integer, got ${value}`);
  }
  return value;
}

/** Defaults overlaid with `given`; unknown names and bad values throw SimError. */
export function resolveParams(defs: ParamDefs, given: Record<string, unknown> = {}): ParamValues {
  const out: ParamValues = {};
  for (const [name, def] of Object.entries(defs)) out[name] = def.default;
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(defs, name)) {
      throw new SimError("UNKNOWN_PARAM", `unknown parameter ${name} (known: ${Object.keys(defs).join(", ")})`);
    }
    out[name] = checkParam(name, defs[name], value);
  }
  return out;
}

/** Parse a command-line value (`--set l2=0.01`) according to the parameter's type. */
export function parseParamText(defs: ParamDefs, name: string, text: string): ParamValue {
  if (!Object.hasOwn(defs, name)) {
    throw new SimError("UNKNOWN_PARAM", `unknown parameter ${name} (known: ${Object.keys(defs).join(", ")})`);
  }
  const def = defs[name];
  if (def.type === "enum") return checkParam(name, def, text);
  const trimmed = text.trim();
  const value = trimmed === "" ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new SimError("INVALID_PARAM", `parameter ${name} must be a number, got "${text}"`);
  return checkParam(name, def, value);
}

// Definitions shared by several presets.
export const lambdaParam = (label: string, dflt: number): ParamDef => ({
  type: "number", label, default: dflt, min: 0, max: 10, scale: "log", live: true,
});
export const lrParam = (dflt: number, max = 2): ParamDef => ({
  type: "number", label: "learning rate η", default: dflt, min: 1e-6, max, scale: "log", live: true,
});
export const l1ModeParam = (dflt: "subgradient" | "proximal"): ParamDef => ({
  type: "enum", label: "L1 update", values: ["subgradient", "proximal"], default: dflt, live: true,
});
export const optimizerParam = (dflt: "sgd" | "adam" | "adamw"): ParamDef => ({
  type: "enum", label: "optimizer", values: ["sgd", "adam", "adamw"], default: dflt, live: true,
});
export const momentumParam: ParamDef = { type: "number", label: "momentum μ (SGD)", default: 0, min: 0, max: 0.99, live: true };
export const keepProbParam = (dflt: number): ParamDef => ({
  type: "number", label: "keep probability p", default: dflt, min: 0.05, max: 1, live: true,
});
export const intParam = (label: string, dflt: number, min: number, max: number): ParamDef => ({
  type: "number", label, default: dflt, min, max, integer: true, live: false,
});
export const numParam = (label: string, dflt: number, min: number, max: number): ParamDef => ({
  type: "number", label, default: dflt, min, max, live: false,
});
