import { mathSegments } from "@livelab/core/text";

/** A formula as TeX for its preview: `2*lambda*w_j` → 2 · λ · w_j (light touch: what a teacher checks by eye). */
export function formulaTex(s: string): string {
  const greek = ["alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "sigma", "tau", "phi", "pi"];
  return s
    .replace(/[\\$]/g, "")
    .replace(new RegExp(`\\b(${greek.join("|")})\\b`, "g"), "\\$1 ")
    .replace(/sqrt\(([^()]*)\)/g, "\\sqrt{$1}")
    .replace(/\*/g, " \\cdot ")
    .replace(/_(\w+)/g, "_{$1}")
    .replace(/\^(\w+|\([^()]*\))/g, (_m, e: string) => `^{${e.replace(/^\((.*)\)$/, "$1")}}`);
}

/**
 * A text's placeholders as boxed slots for its preview: each student gets their own number
 * there, so "$\eta = {{eta}}$" shows η = [η] and "{{= 2*eta*lambda}}" shows [2·η·λ], instead of
 * KaTeX reading the braces as grouping ("η = eta") or the "=" as an equals sign ("= = 2*eta").
 */
export function placeholdersAsSlots(text: string): string {
  const slot = (body: string) => `\\boxed{${formulaTex(body.replace(/^\s*=\s*/, "").trim())}}`;
  return mathSegments(text)
    .map((seg) => (seg.math
      ? `$${seg.text.replace(/\{\{([^}]*)\}\}/g, (_w, body: string) => slot(body))}$`
      : seg.text.replace(/\{\{([^}]*)\}\}/g, (_w, body: string) => `$${slot(body)}$`)))
    .join("");
}

/** Every bracket closed, in order: only then is a half-typed formula worth rendering. */
export function bracketsBalance(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
