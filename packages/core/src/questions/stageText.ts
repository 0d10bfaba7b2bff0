import { parse, type MathNode } from "mathjs";
import { mathSegments } from "../text/mathSegments.ts";
import type { QuestionTemplate } from "./schema.ts";

/**
 * A question as the whole room sees it on the projector. Every student has their own numbers
 * (η = 0.1 on one phone, 0.05 on the next), so the projector shows symbols instead: "with
 * learning rate η = □ … with λ = □", a boxed symbol where a number would go ("patience [patience]"),
 * and at the reveal the answer as a formula in those symbols ("1 − 2·η·λ"). Pure text in,
 * TeX-flavoured text out ($…$ for math, like every prompt).
 */

const GREEK = ["alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "kappa", "lambda", "mu", "nu", "rho", "sigma", "tau", "phi", "omega"];
const GREEK_CHARS: Record<string, string> = {
  α: "alpha", β: "beta", γ: "gamma", δ: "delta", ε: "epsilon", η: "eta", θ: "theta", κ: "kappa", λ: "lambda", μ: "mu", ν: "nu", ρ: "rho", σ: "sigma", τ: "tau", φ: "phi", ω: "omega",
};
const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/** One per-student parameter: its name, how people write it, the values students draw from. */
export interface ParamSymbol {
  name: string;
  label: string;
  values: number[];
}

export function paramSymbols(t: QuestionTemplate): ParamSymbol[] {
  return Object.entries(t.params).map(([name, spec]) => ({ name, label: spec.label ?? name, values: [...spec.values] }));
}

/** A parameter as TeX: "η" or eta → \eta, "w₀" or w0 → w_{0}, "λ₁" → \lambda_{1}, "best step" → \text{best step}. */
export function symbolTex(name: string, label?: string): string {
  const source = label ?? name;
  const m = /^([A-Za-z]+|[α-ω])_?([₀-₉0-9]*|[A-Za-z])$/.exec(source);
  if (!m) return `\\text{${source.replace(/[^A-Za-z0-9 ]/g, "")}}`;
  const [, base, sub] = m;
  const greek = GREEK_CHARS[base] ?? (GREEK.includes(base) ? base : null);
  const head = greek ? `\\${greek}` : base.length === 1 ? base : `\\text{${base}}`;
  if (!sub) return head;
  const digits = [...sub].map((c) => (SUBSCRIPTS.includes(c) ? String(SUBSCRIPTS.indexOf(c)) : c)).join("");
  return `${head}_{${digits}}`;
}

/**
/**
 * What stands for "your own number" on the projector: an empty box, "λ = □". Dropping the
 * number alone left a hole ("… with λ."); a number would be one student's, not the room's.
 */
export const OWN_NUMBER = "\\square";

/**
 * Replace each student's numbers by symbols. In math, "η = {{eta}}" becomes "η = □" (the
 * symbol names it, the box says each student has their own); any other placeholder becomes its
 * boxed symbol. A computed value ({{= …}}) becomes "…".
 */
export function symbolize(text: string, t: QuestionTemplate): string {
  const symbols = promptSymbols(t);
  const tex = (name: string) => symbols[name] ?? symbolTex(name);
  return mathSegments(text)
    .map((seg) => {
      if (seg.math) {
        const math = seg.text
          .replace(/\s*=\s*\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, ` = ${OWN_NUMBER}`)
          .replace(/\{\{\s*=[^}]*\}\}/g, "\\ldots")
          .replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_w, name: string) => `\\boxed{${tex(name)}}`);
        return `$${math}$`;
      }
      return seg.text
        .replace(/\{\{\s*=[^}]*\}\}/g, "…")
        .replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_w, name: string) => `$\\boxed{${tex(name)}}$`);
    })
    .join("")
    .replace(/\$\s*\$/g, "");
}

/**
 * Each parameter's symbol as TeX: the one the prompt itself names it by ("$t = {{steps}}$" makes
 * steps "t"), else its label, else its name.
 */
export function promptSymbols(t: QuestionTemplate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(t.params)) out[name] = symbolTex(name, spec.label);
  for (const seg of mathSegments(t.prompt)) {
    if (!seg.math) continue;
    for (const m of seg.text.matchAll(/([A-Za-z]+|\\[A-Za-z]+)(_\{?[A-Za-z0-9]+\}?)?\s*=\s*\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)) {
      if (Object.hasOwn(t.params, m[3])) out[m[3]] = `${m[1]}${m[2] ?? ""}`;
    }
  }
  return out;
}

/** The prompt for the projector: every student's numbers as symbols. */
export function stagePrompt(t: QuestionTemplate): string {
  return symbolize(t.prompt, t);
}

/**
 * The answer of a numeric or expression question as a formula in the parameters' symbols
 * (mathjs's own TeX, with LiveLab's symbols), e.g. "1-2\cdot\eta\cdot\lambda"; null otherwise.
 */
export function answerTex(t: QuestionTemplate): string | null {
  if (t.kind !== "numeric" && t.kind !== "expression") return null;
  let node: MathNode;
  try {
    node = parse(t.answer);
  } catch {
    return null;
  }
  const symbols = promptSymbols(t);
  const handler = (n: MathNode) => {
    if (n.type !== "SymbolNode") return undefined;
    const name = (n as unknown as { name: string }).name;
    // Leading space: mathjs glues handler output to "\cdot".
    return ` {${symbols[name] ?? symbolTex(name)}}`;
  };
  return node.toTex({ handler, parenthesis: "auto", implicit: "hide" });
}

/** The first sentence of a text (a full stop followed by a space, outside $…$). */
export function firstSentence(text: string): string {
  let inMath = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "$") inMath = !inMath;
    else if (!inMath && (c === "." || c === "!" || c === "?") && (i + 1 === text.length || text[i + 1] === " ") && !/(?:i\.e|e\.g)$/.test(text.slice(0, i))) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * The key line of the worked solution for the projector: its first sentence in symbols, or
 * null when that sentence needs a student's own computed numbers to make sense.
 */
export function keyLine(t: QuestionTemplate): string | null {
  if (!t.solution) return null;
  const first = firstSentence(t.solution.trim());
  if (/\{\{\s*=/.test(first)) return null;
  return symbolize(first, t);
}
