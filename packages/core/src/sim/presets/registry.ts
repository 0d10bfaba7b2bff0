import { SimError } from "../errors.ts";
import { constraintGeometryPreset, l1VsL2, sparseLinearPreset } from "./linearPresets.ts";
import { adamVsAdamw, dropoutMoons } from "./networkPresets.ts";
import { earlyStopping, lambdaExperiment, overfitPoly } from "./polynomialPresets.ts";
import type { Preset } from "./preset.ts";

/** Every simulation of the built-in lesson, by id. */
export const PRESETS: readonly Preset[] = [
  overfitPoly, sparseLinearPreset, l1VsL2, constraintGeometryPreset, dropoutMoons, adamVsAdamw, earlyStopping, lambdaExperiment,
];

const byId = new Map(PRESETS.map((p) => [p.id, p]));

export function getPreset(id: string): Preset {
  const preset = byId.get(id);
  if (!preset) throw new SimError("UNKNOWN_PRESET", `unknown preset ${id} (known: ${PRESETS.map((p) => p.id).join(", ")})`);
  return preset;
}

export function presetIds(): string[] {
  return PRESETS.map((p) => p.id);
}
