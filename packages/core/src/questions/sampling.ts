import { mixSeed, Prng, seedFromString } from "../sim/math/prng.ts";
import type { QuestionTemplate } from "./schema.ts";

export type QuestionParams = Record<string, number>;

/**
 * The seed of one student's copy of one question: stable for the same (session seed,
 * participant, question), so a student who reconnects sees the same numbers, and two
 * neighbours usually see different ones.
 */
export function questionSeed(sessionSeed: number, participantId: string, questionId: string): number {
  return mixSeed(sessionSeed, seedFromString(participantId), seedFromString(questionId));
}

/** Draw each parameter from its list of values (in declaration order, one draw each). */
export function sampleParams(template: QuestionTemplate, seed: number): QuestionParams {
  const rng = new Prng(seed);
  const out: QuestionParams = {};
  for (const [name, spec] of Object.entries(template.params)) out[name] = spec.values[rng.nextInt(spec.values.length)];
  return out;
}

/** Option ids in this student's order (a seeded shuffle unless the template says not to). */
export function optionOrder(template: QuestionTemplate, seed: number): string[] {
  if (template.kind !== "single" && template.kind !== "multiple") return [];
  const ids = template.options.map((o) => o.id);
  if (!template.shuffle) return ids;
  const rng = new Prng(mixSeed(seed, 0x5f3759df));
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

/** Numbers as a person writes them: up to 10 significant digits, no float noise (0.1+0.2 → 0.3). */
/**
 * A number as a person reads it outside TeX: the true minus sign (U+2212, as the rendered
 * prompts show it), not a hyphen. Only for display: what students type stays as they typed it.
 */
export function shownNumber(text: string): string {
  return /^-?\d*\.?\d+(?:e[-+]?\d+)?$/i.test(text) ? text.replace(/-/g, "\u2212") : text;
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  return String(Number(x.toPrecision(10)));
}
