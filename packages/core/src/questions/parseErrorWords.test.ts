import { describe, expect, it } from "vitest";
import { compileExpression, compileFormula } from "./expressions.ts";

const reason = (text: string) => {
  const r = compileExpression(text, { eta: "eta", lambda: "lambda" });
  return r.ok ? null : r.reason;
};

describe("formula errors in words", () => {
  it("says what is wrong and where, without mathjs's jargon or character counts", () => {
    expect(reason("2*eta*")).toBe("it stops too early: something is missing at the end");
    expect(reason("(1-2*eta")).toBe("a bracket “(” is opened but never closed");
    expect(reason("eta**2")).toBe("a number or a name is missing near “eta**”");
    expect(reason("eta,lambda")).toBe("“,” cannot stand there near “eta,”");
    for (const bad of ["2*eta*", "(1-2*eta", "eta**2", "eta,lambda", "1 +* 2", "sqrt(eta"]) expect(reason(bad)).not.toMatch(/char \d|Unexpected|expected/);
  });

  it("a lesson formula's error names the formula and keeps the words", () => {
    expect(() => compileFormula("1 - 2*eta*", ["eta"])).toThrow('formula "1 - 2*eta*": it stops too early: something is missing at the end');
  });
});
