import { parse, type MathNode } from "mathjs";
import { parseErrorInWords } from "./parseErrorWords.ts";

/**
 * Safe math expressions from two sources: formulas in lesson files (answers, named
 * mistakes, computed values in solutions) and students' typed expressions. Both are parsed
 * by mathjs and then checked against a whitelist — numbers, the allowed variables, + − × ÷ ^,
 * parentheses, a few functions — before anything is evaluated, so a hostile string cannot
 * reach mathjs's wider feature set (imports, assignments, function definitions, units, …).
 */

export const ALLOWED_FUNCTIONS = ["sqrt", "abs", "exp", "log", "sin", "cos", "sign", "min", "max"] as const;
const FUNCTIONS = new Set<string>(ALLOWED_FUNCTIONS);
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "smaller", "smallerEq", "larger", "largerEq"]);
const CONSTANTS: Record<string, number> = { pi: 3.141592653589793, e: 2.718281828459045 };

export type Scope = Record<string, number>;

export interface CompiledExpression {
  /** Evaluate at a point; NaN if the expression is undefined there (never throws). */
  evaluate(scope: Scope): number;
  /** The canonical text of the expression (mathjs's rendering). */
  text: string;
  symbols: string[];
}

export type ParsedExpression = { ok: true; expr: CompiledExpression } | { ok: false; reason: string };

export const MAX_EXPRESSION_LENGTH = 200;

/** Normalize what phones and keyboards type: ·, ×, Unicode minus, λ, η, superscripts. */
export function normalizeMathText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[·×⋅∙]/g, "*")
    .replace(/[\u2212\u2012\u2013\u2014]/g, "-")
    .replace(/÷/g, "/")
    .replace(/λ/g, " lambda ")
    .replace(/η/g, " eta ")
    .replace(/²/g, "^2")
    .replace(/³/g, "^3");
}

/**
 * Parse and vet an expression. `variables` maps every accepted spelling to the canonical
 * variable name (e.g. { w: "w_j", w_j: "w_j", lambda: "lambda" }).
 */
export function compileExpression(
  input: unknown, variables: Record<string, string>,
  opts: { allowConditional?: boolean; maxLength?: number } = {},
): ParsedExpression {
  const maxLength = opts.maxLength ?? MAX_EXPRESSION_LENGTH;
  const tooLong = { ok: false as const, reason: `the expression is too long (at most ${maxLength} characters)` };
  if (typeof input !== "string") return { ok: false, reason: "the answer must be text" };
  if (input.length > maxLength * 3) return tooLong;
  const text = normalizeMathText(input).trim();
  if (text === "") return { ok: false, reason: "no answer given" };
  if (text.length > maxLength) return tooLong;
  let node: MathNode;
  try {
    node = parse(text);
  } catch (err) {
    return { ok: false, reason: parseErrorInWords((err as Error).message, text) };
  }
  const symbols = new Set<string>();
  const problem = vet(node, variables, symbols, opts.allowConditional ?? false, 0);
  if (problem) return { ok: false, reason: problem };
  const renamed = node.transform((n) => {
    if (n.type === "SymbolNode") {
      const name = (n as unknown as { name: string }).name;
      if (Object.hasOwn(variables, name) && variables[name] !== name) return parse(variables[name]);
    }
    return n;
  });
  let code: { evaluate(scope: Record<string, number>): unknown };
  try {
    code = renamed.compile();
  } catch (err) {
    return { ok: false, reason: parseErrorInWords((err as Error).message, text) };
  }
  const expr: CompiledExpression = {
    text: renamed.toString(),
    symbols: [...symbols].map((s) => variables[s] ?? s),
    evaluate(scope) {
      try {
        const v = code.evaluate({ ...CONSTANTS, ...scope });
        if (typeof v === "number") return v;
        if (typeof v === "boolean") return v ? 1 : 0;
        return NaN;
      } catch {
        return NaN;
      }
    },
  };
  return { ok: true, expr };
}

function vet(node: MathNode, variables: Record<string, string>, symbols: Set<string>, allowConditional: boolean, depth: number): string | null {
  if (depth > 40) return "the expression is nested too deeply";
  const n = node as unknown as { type: string; [k: string]: unknown };
  switch (n.type) {
    case "ConstantNode": {
      const v = n.value;
      if (typeof v !== "number" || !Number.isFinite(v)) return "only finite numbers are allowed";
      return null;
    }
    case "SymbolNode": {
      const name = n.name as string;
      if (Object.hasOwn(variables, name)) {
        symbols.add(name);
        return null;
      }
      if (Object.hasOwn(CONSTANTS, name)) return null;
      const known = [...new Set(Object.keys(variables))].join(", ");
      return `unknown symbol "${name}"${known ? ` (use ${known})` : ""}`;
    }
    case "ParenthesisNode":
      return vet(n.content as MathNode, variables, symbols, allowConditional, depth + 1);
    case "OperatorNode": {
      if (!OPERATORS.has(n.fn as string)) return `the operator "${n.op as string}" is not allowed`;
      for (const arg of n.args as MathNode[]) {
        const p = vet(arg, variables, symbols, allowConditional, depth + 1);
        if (p) return p;
      }
      return null;
    }
    case "FunctionNode": {
      const fn = n.fn as { type: string; name?: string };
      if (fn.type !== "SymbolNode" || !fn.name || !FUNCTIONS.has(fn.name)) {
        return `unknown function "${fn.name ?? "?"}" (allowed: ${ALLOWED_FUNCTIONS.join(", ")})`;
      }
      for (const arg of n.args as MathNode[]) {
        const p = vet(arg, variables, symbols, allowConditional, depth + 1);
        if (p) return p;
      }
      return null;
    }
    case "ConditionalNode": {
      if (!allowConditional) return "conditions (?:) are not allowed in answers";
      for (const part of [n.condition, n.trueExpr, n.falseExpr] as MathNode[]) {
        const p = vet(part, variables, symbols, allowConditional, depth + 1);
        if (p) return p;
      }
      return null;
    }
    default:
      return `"${node.toString()}" is not allowed in an answer`;
  }
}

// Lesson formulas are few and reused for every student: parse and vet each one once.
const formulaCache = new Map<string, CompiledExpression>();

/** A formula from a lesson file over the question's parameters (conditions allowed). */
export function compileFormula(formula: string, paramNames: readonly string[]): CompiledExpression {
  const key = `${formula}\u0000${paramNames.join(",")}`;
  const cached = formulaCache.get(key);
  if (cached) return cached;
  const vars: Record<string, string> = {};
  for (const p of paramNames) vars[p] = p;
  const parsed = compileExpression(formula, vars, { allowConditional: true, maxLength: 500 });
  if (!parsed.ok) throw new Error(`formula "${formula}": ${parsed.reason}`);
  if (formulaCache.size > 5000) formulaCache.clear(); // lesson files are bounded; this is a safety valve
  formulaCache.set(key, parsed.expr);
  return parsed.expr;
}
