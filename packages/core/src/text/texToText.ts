import { mathSegments } from "./mathSegments.ts";

/**
 * Lesson text ($…$ math, **bold**, `code`) as plain readable text, for places that cannot run
 * KaTeX: spreadsheet cells, CSV files, a preview's one-line summary. `$\lambda\|w\|_1$` reads
 * "λ‖w‖₁", `$\frac{1}{2\eta t}$` reads "1/(2ηt)", `$J_{train}(w)$` reads "J_train(w)".
 *
 * A small reader of the TeX subset lessons use (letters, sub/superscripts, \frac, \sqrt,
 * \text, accents, norms, relations), not a TeX engine: an unknown command keeps its name
 * without the backslash, so nothing is lost and no backslash reaches the reader. Pure; the
 * browser may import it.
 */
export function texToText(text: string): string {
  return mathSegments(text)
    .map((seg) => (seg.math ? mathToText(seg.text) : seg.text.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/`([^`]+)`/g, "$1")))
    .join("");
}

const SYMBOLS: Record<string, string> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ", eta: "η", theta: "θ", iota: "ι", kappa: "κ",
  lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", upsilon: "υ", phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
  Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
  cdot: "·", times: "×", div: "÷", pm: "±", mp: "∓", le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", approx: "≈", sim: "~", propto: "∝",
  to: "→", rightarrow: "→", leftarrow: "←", Rightarrow: "⇒", iff: "⇔", infty: "∞", sum: "∑", prod: "∏", int: "∫", partial: "∂", nabla: "∇",
  in: "∈", notin: "∉", forall: "∀", exists: "∃", ldots: "…", dots: "…", cdots: "⋯", mid: "|", vert: "|", lVert: "‖", rVert: "‖", Vert: "‖",
  langle: "⟨", rangle: "⟩", top: "ᵀ", circ: "∘", star: "⋆", ast: "∗", prime: "′", degree: "°",
  quad: " ", qquad: "  ", log: "log", ln: "ln", exp: "exp", sin: "sin", cos: "cos", tan: "tan", max: "max", min: "min", arg: "arg", sign: "sign",
};
/** Binary operators and relations: spaced, as TeX spaces them ("2 · 0.05", "λ ≈ 0.1"). */
const OPERATORS = new Set(["cdot", "times", "div", "pm", "mp", "le", "leq", "ge", "geq", "ne", "neq", "approx", "sim", "propto", "to", "rightarrow", "leftarrow", "Rightarrow", "iff", "in", "notin"]);
const ESCAPED: Record<string, string> = { "|": "‖", "{": "{", "}": "}", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "\\": " ", "%": "%", "$": "$", "#": "#", "&": "&", _: "_" };
const TEXT_COMMANDS = new Set(["text", "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "operatorname", "textbf", "textit", "emph", "mathnormal", "bm", "boldsymbol"]);
const ACCENTS: Record<string, string> = { tilde: "\u0303", hat: "\u0302", widehat: "\u0302", bar: "\u0304", overline: "\u0305", vec: "\u20d7", dot: "\u0307", ddot: "\u0308" };
const SUPER: Record<string, string> = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", n: "ⁿ", i: "ⁱ", k: "ᵏ", t: "ᵗ", T: "ᵀ", "ᵀ": "ᵀ", "′": "′", "*": "*" };
const SUB: Record<string, string> = { "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "+": "₊", "-": "₋", "=": "₌", "(": "₍", ")": "₎", i: "ᵢ", j: "ⱼ", k: "ₖ", n: "ₙ", t: "ₜ", m: "ₘ", p: "ₚ" };

/** One $…$ math part as text. */
function mathToText(src: string): string {
  return new MathReader(src).read().replace(/\s+/g, " ").trim();
}

class MathReader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Everything up to the end (or the closing brace of the group being read). */
  read(untilBrace = false): string {
    let out = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === "}" && untilBrace) {
        this.i++;
        return out;
      }
      this.i++;
      if (c === "{") out += this.read(true);
      else if (c === "\\") out += this.command();
      else if (c === "^" || c === "_") out += script(this.argument(), c === "^" ? SUPER : SUB, c);
      else if (c === "~") out += " ";
      else out += c;
    }
    return out;
  }

  /** The next argument: a {group}, a \command or one character, as text. */
  private argument(): string {
    while (this.s[this.i] === " ") this.i++;
    const c = this.s[this.i++];
    if (c === undefined) return "";
    if (c === "{") return this.read(true);
    if (c === "\\") return this.command();
    return c;
  }

  private command(): string {
    const name = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0];
    if (!name) {
      const c = this.s[this.i++] ?? "";
      return ESCAPED[c] ?? c;
    }
    this.i += name.length;
    // TeX ends a command name at a space, which it then drops: "\eta t" is ηt. Before "=" the space stays.
    const rest = /^ +(?=\p{L})/u.exec(this.s.slice(this.i));
    if (rest) this.i += rest[0].length;
    if (name === "frac" || name === "dfrac" || name === "tfrac") {
      const [a, b] = [this.argument(), this.argument()];
      return `${grouped(a)}/${grouped(b)}`;
    }
    if (name === "sqrt") {
      const arg = this.argument();
      return `√${grouped(arg)}`;
    }
    if (name === "left" || name === "right" || name === "big" || name === "Big" || name === "bigl" || name === "bigr") {
      const delimiter = this.argument();
      return delimiter === "." ? "" : delimiter;
    }
    if (name === "boxed") return `[${this.argument()}]`;
    if (TEXT_COMMANDS.has(name)) return this.argument();
    if (ACCENTS[name]) {
      const arg = this.argument();
      return arg.length === 1 ? arg + ACCENTS[name] : arg;
    }
    if (OPERATORS.has(name)) return ` ${SYMBOLS[name]} `;
    return SYMBOLS[name] ?? name;
  }
}

/** "2" → "²", "train" → "_train": Unicode scripts when every character has one, else a plain marker. */
function script(arg: string, table: Record<string, string>, mark: string): string {
  const chars = [...arg.trim()];
  if (chars.length > 0 && chars.every((ch) => table[ch] !== undefined)) return chars.map((ch) => table[ch]).join("");
  return /^[\p{L}\p{N}]+$/u.test(arg.trim()) ? `${mark}${arg.trim()}` : `${mark}(${arg.trim()})`;
}

/** A fraction's part in parentheses when it is more than one symbol or number: 1/(2ηt), not 1/2ηt. */
function grouped(part: string): string {
  const t = part.trim();
  return /^(?:[\p{N}.]+|\p{L}[\u0300-\u036f\u20d7]*)$/u.test(t) ? t : `(${t})`;
}
