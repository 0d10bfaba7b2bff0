/**
 * Core's purity is enforced by the linter, not by hope: this checks that the rules fire.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

async function lint(code: string, file = "packages/core/src/sim/example.ts") {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result.messages.map((m) => m.ruleId);
}

describe("core's lint rules", () => {
  it("forbid non-deterministic math, clocks, ** and I/O inside core", async () => {
    const rules = await lint(
      [
        "import { readFileSync } from 'node:fs';",
        "export const a = Math.exp(1) + Math.log(2) + Math.tanh(3) + Math.pow(2, 3) + Math.sin(1) + Math.cos(1);",
        "export const b = Math.random() + Date.now() + 2 ** 3;",
        "export const c = readFileSync;",
      ].join("\n"),
    );
    expect(rules.filter((r) => r === "no-restricted-properties")).toHaveLength(7);
    expect(rules).toContain("no-restricted-globals");
    expect(rules).toContain("no-restricted-syntax");
    expect(rules).toContain("no-restricted-imports");
  });
  it("let core import ts-fsrs (pure; called with explicit times only, see practice/schedule.ts)", async () => {
    expect(await lint("import { fsrs } from 'ts-fsrs';\nexport const f = fsrs;", "packages/core/src/practice/example.ts")).toEqual([]);
  });
  it("allow the deterministic versions, and leave code outside core alone", async () => {
    expect(await lint("export const a = Math.sqrt(2) + Math.abs(-1);")).toEqual([]);
    expect(await lint("export const a = Math.exp(1);", "packages/cli/src/example.ts")).toEqual([]);
  });
  it("keep answers out of the web app: grading, lesson and session code cannot be imported there (types can)", async () => {
    const web = "apps/web/src/components/example.tsx";
    for (const module of ["@livelab/core/questions", "@livelab/core/lesson", "@livelab/core/session", "@livelab/core/report", "@livelab/core", "@livelab/core/protocol", "@livelab/core/practice"]) {
      expect(await lint(`import { x } from "${module}";\nexport const y = x;`, web)).toEqual(["no-restricted-imports"]);
      expect(await lint(`import type { X } from "${module}";\nexport type Y = X;`, web)).toEqual([]);
    }
    for (const module of ["@livelab/core/sim", "@livelab/core/timeline", "@livelab/core/errors"]) {
      expect(await lint(`import { x } from "${module}";\nexport const y = x;`, web)).toEqual([]);
    }
  });
});
