import { parseArgs } from "node:util";
import { getPreset, parseParamText, type ParamValues, type Preset } from "@livelab/core/sim";
import { CliError } from "./cliError.ts";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  /** Binary files (spreadsheets to import). */
  readBytes?(path: string): Uint8Array;
  /** LIVELAB_URL, LIVELAB_EMAIL, LIVELAB_PASSWORD for the commands that reach a server. */
  env?: Record<string, string | undefined>;
}

/** Options shared by the simulation commands. */
export function parseSimOptions(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        set: { type: "string", multiple: true, default: [] },
        seed: { type: "string" },
        steps: { type: "string" },
        every: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const [presetId, ...extra] = parsed.positionals;
  if (!presetId) throw new CliError("missing preset name (try: livelab presets)");
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}`);
  const preset = getPreset(presetId);
  return {
    preset,
    params: parseSets(preset, parsed.values.set ?? []),
    seed: parseInteger("--seed", parsed.values.seed, 42, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    steps: parsed.values.steps,
    every: parsed.values.every,
    json: parsed.values.json ?? false,
  };
}

export function parseSets(preset: Preset, sets: string[]): ParamValues {
  const params: ParamValues = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new CliError(`--set expects name=value, got "${s}"`);
    params[s.slice(0, eq).trim()] = parseParamText(preset.params, s.slice(0, eq).trim(), s.slice(eq + 1));
  }
  return params;
}

export function parseInteger(flag: string, text: string | undefined, dflt: number, min: number, max: number): number {
  if (text === undefined) return dflt;
  const v = Number(text.trim());
  if (text.trim() === "" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new CliError(`${flag} must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return v;
}
