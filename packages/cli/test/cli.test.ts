import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/main.ts";
import type { Io } from "../src/options.ts";
import { regularizationLesson } from "@livelab/core/lesson";
import { ridgeClosedForm } from "@livelab/core/sim";

/** Run the CLI in-process, capturing its output. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), readFile: (p) => (files.has(p) ? files.get(p)! : (() => { const e = new Error("ENOENT") as NodeJS.ErrnoException; e.code = "ENOENT"; throw e; })()) };
  const code = await main(argv, io);
  return { code, out, err };
}
const files = new Map<string, string>();

describe("livelab sim", () => {
  it("prints one JSON object per line for steps 0, k, 2k, …, n with the contract's fields", async () => {
    const r = await run("sim", "overfit-poly", "--steps", "100", "--every", "25", "--json", "--seed", "3");
    expect(r.code).toBe(0);
    const rows = r.out.map((l) => JSON.parse(l));
    expect(rows.map((x) => x.step)).toEqual([0, 25, 50, 75, 100]);
    for (const row of rows) {
      for (const k of ["step", "trainLoss", "valLoss", "penalty", "objective", "l1Norm", "l2NormSq", "zeroWeights", "weightsHash"]) expect(row).toHaveProperty(k);
    }
    expect(rows[4].trainLoss).toBeLessThan(rows[0].trainLoss);
    // Deterministic: the same command gives the same hashes.
    const again = await run("sim", "overfit-poly", "--steps", "100", "--every", "25", "--json", "--seed", "3");
    expect(again.out).toEqual(r.out);
  });
  it("--set changes parameters (penalty appears with l2 > 0)", async () => {
    const r = await run("sim", "overfit-poly", "--steps", "10", "--every", "10", "--json", "--set", "l2=0.5");
    const last = JSON.parse(r.out.at(-1)!);
    expect(last.penalty).toBeCloseTo(0.5 * last.l2NormSq, 12);
    expect(last.penalty).toBeGreaterThan(0);
  });
  it("multi-lane presets list every lane", async () => {
    const r = await run("sim", "adam-vs-adamw", "--steps", "20", "--every", "20", "--json");
    const last = JSON.parse(r.out.at(-1)!);
    expect(last.lanes.map((l: { lane: string }) => l.lane)).toEqual(["adam", "adamw"]);
  });
  it("a readable table without --json", async () => {
    const r = await run("sim", "sparse-linear", "--steps", "20", "--every", "10");
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain("weightsHash");
  });
});

describe("livelab data and solve", () => {
  it("data gives the features the model sees; solve gives the exact ridge minimizer of that data", async () => {
    const data = JSON.parse((await run("data", "overfit-poly", "--seed", "4", "--json")).out[0]);
    expect(data.trainX).toHaveLength(12);
    expect(data.trainX[0]).toHaveLength(9); // Legendre features P1..P9
    expect(data.valY).toHaveLength(100);
    const solved = JSON.parse((await run("solve", "overfit-poly", "--seed", "4", "--set", "l2=0.01", "--json")).out[0]);
    const X = Float64Array.from(data.trainX.flat());
    const y = Float64Array.from(data.trainY);
    const ref = ridgeClosedForm(X, y, 12, 9, 0.01);
    solved.weights.forEach((w: number, j: number) => expect(w).toBeCloseTo(ref.weights[j], 10));
    expect(solved.bias).toBeCloseTo(ref.bias, 10);
    expect(solved.objective).toBeCloseTo(ref.objective, 10);
  });
  it("solve uses coordinate descent for L1 and reports exact zeros", async () => {
    const solved = JSON.parse((await run("solve", "sparse-linear", "--json")).out[0]);
    expect(solved.weights).toHaveLength(20);
    expect(solved.weights.filter((w: number) => w === 0).length).toBeGreaterThan(5);
  });
});

describe("livelab grade", () => {
  it("grades with the contract's fields", async () => {
    const ok = JSON.parse((await run("grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01}', "--answer", "0.998", "--json")).out[0]);
    expect(ok).toMatchObject({ correct: true, score: 1, feedback: null, expected: 0.998 });
    const named = JSON.parse((await run("grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01}', "--answer", "0.999", "--json")).out[0]);
    expect(named).toMatchObject({ correct: false, score: 0, feedback: "dropped-factor-2", expected: 0.998 });
    const dropout = JSON.parse((await run("grade", "dropout-kept-value", "--params", '{"h":3,"p":0.6}', "--answer", "5", "--json")).out[0]);
    expect(dropout.correct).toBe(true);
    const expr = JSON.parse((await run("grade", "l2-gradient", "--answer", "2 w lambda", "--json")).out[0]);
    expect(expr.correct).toBe(true);
  });
  // Issue 19's table: each classic mistake, on a parameter set students can now get, is
  // reported as that mistake (never graded correct), and a rounded h/p is accepted.
  it.each([
    ["l2-decay-k-steps", { eta: 0.1, lambda: 0.05, k: 20, w0: 1 }, "0.8", "linear-not-compound", "Used 1 − 2kηλ (linear, not compound)"],
    ["l1-soft-threshold", { w: 0.04, eta: 0.1, lambda: 0.5 }, "-0.01", "crossed-zero", "Crossed zero (plain subgradient step)"],
    ["penalty-l1-value", { a: 0.5, b: -1, c: 0.5, lambda: 0.1 }, "0", "signed-sum", "Summed the signed weights (forgot the absolute value)"],
    ["penalty-l1-value", { a: 0.5, b: -1, c: 0.5, lambda: 0.1 }, "0.15", "used-l2", "Summed squares (the L2 penalty)"],
    ["penalty-l2-value", { a: 1.5, b: -1, c: 0.5, lambda: 0.1 }, "0.3", "used-l1", "Summed absolute values (the L1 penalty)"],
    ["penalty-elastic-value", { a: 0.5, b: -1, l1: 0.1, l2: 0.05 }, "0.2", "swapped-lambdas", "Swapped λ₁ and λ₂"],
    ["l2-decay-factor", { eta: 0.1, lambda: 0.01 }, "0.98", "forgot-eta", "Used 1 − 2λ (forgot the learning rate)"],
    ["dropout-kept-value", { h: 1, p: 0.75 }, "4", "divided-by-drop-rate", "Gave h/(1 − p) (divided by the drop rate)"],
  ])("%s %j: %s is the named mistake", async (question, params, answer, key, label) => {
    const r = JSON.parse((await run("grade", question, "--params", JSON.stringify(params), `--answer=${answer}`, "--json")).out[0]);
    expect(r).toMatchObject({ correct: false, feedback: key, label });
  });
  it("says when the parameters are not ones a student can get (issue 19's old k = 10)", async () => {
    const r = await run("grade", "l2-decay-k-steps", "--params", '{"eta":0.1,"lambda":0.01,"k":10,"w0":1}', "--answer", "0.98", "--json");
    expect(r.code).toBe(0);
    expect(r.err).toEqual(["note: lambda = 0.01 is not among the values students get (0.05, 0.1)", "note: k = 10 is not among the values students get (20, 30)"]);
  });
  it("a correctly rounded h/p is accepted (h = 1, p = 0.75: 1.33)", async () => {
    const r = JSON.parse((await run("grade", "dropout-kept-value", "--params", '{"h":1,"p":0.75}', "--answer", "1.33", "--json")).out[0]);
    expect(r).toMatchObject({ correct: true, feedback: null, label: null });
    const text = await run("grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01}', "--answer", "0.999");
    expect(text.out[0]).toMatch(/^INCORRECT \(Used 1 − ηλ \(dropped the 2\)\): /);
  });
  it("hostile answers are graded invalid, never crash", async () => {
    for (const a of ["", "abc", "1e999", "NaN", "x".repeat(10_000)]) {
      const r = await run("grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01}', "--answer", a, "--json");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out[0])).toMatchObject({ correct: false, status: "invalid" });
    }
  });
});

describe("errors: exit code 2 and one clear line on stderr", () => {
  it.each([
    [["sim", "nope"], "unknown preset nope"],
    [["sim", "overfit-poly", "--set", "bogus=1"], "unknown parameter bogus"],
    [["sim", "overfit-poly", "--set", "l2=abc"], "l2 must be a number"],
    [["sim", "overfit-poly", "--set", "l2=-1"], "between 0 and 10"],
    [["sim", "overfit-poly", "--steps", "ten"], "--steps must be an integer"],
    [["sim", "overfit-poly", "--frobnicate"], "Unknown option"],
    [["data"], "missing preset"],
    [["solve", "dropout-moons"], "not a linear model"],
    [["grade", "nope", "--answer", "1"], "unknown question nope"],
    [["grade", "l2-decay-factor", "--params", "{bad json", "--answer", "1"], "not valid JSON"],
    [["grade", "l2-decay-factor", "--params", '{"eta":0.1}', "--answer", "1"], "missing parameter lambda"],
    [["grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01,"mu":1}', "--answer", "1"], "unknown parameter mu"],
    [["grade", "l2-decay-factor", "--params", '{"eta":"x","lambda":0.01}', "--answer", "1"], "eta must be a finite number"],
    [["grade", "l2-decay-factor", "--params", '{"eta":0.1,"lambda":0.01}'], "missing --answer"],
    [["lesson", "check", "/nonexistent.json"], "cannot read"],
    [["frobnicate"], "unknown command"],
  ])("%j", async (argv, message) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(message);
  });
});

describe("livelab lesson check", () => {
  it("accepts the built-in lesson and names the field of a broken one", async () => {
    files.set("good.json", JSON.stringify(regularizationLesson));
    const good = await run("lesson", "check", "good.json");
    expect(good.code).toBe(0);
    expect(good.out[0]).toContain("21 activities");
    expect(good.err).toEqual([]);
    const broken = JSON.parse(JSON.stringify(regularizationLesson));
    broken.activities[3].questions[0].answer = "1 - 2*eta*lambdaa";
    broken.activities[0].kind = "lecture";
    files.set("broken.json", JSON.stringify(broken));
    const bad = await run("lesson", "check", "broken.json");
    expect(bad.code).toBe(1);
    expect(bad.err.join("\n")).toContain("activities[0].kind");
    files.set("notjson.json", "{ nope");
  });
  it("refuses a lesson whose named mistake is graded correct for some students, naming the question, the mistake and one parameter set", async () => {
    // The parameter lists the built-in lesson had before issue 19.
    const old = JSON.parse(JSON.stringify(regularizationLesson));
    Object.assign(old.activities[4].questions[0], {
      params: { eta: { values: [0.1, 0.2], label: "η" }, lambda: { values: [0.01, 0.05], label: "λ" }, k: { values: [10, 50, 100] }, w0: { values: [1, 2, 5], label: "w₀" } },
      tolerance: { type: "rel", value: 5e-3 },
    });
    files.set("old.json", JSON.stringify(old));
    const bad = await run("lesson", "check", "old.json");
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toContain("old.json: activities[4].questions[0].mistakes[0]: ");
    expect(bad.err[0]).toContain('question "l2-decay-k-steps": the mistake "linear-not-compound"');
    expect(bad.err[0]).toContain("η = 0.1, λ = 0.01, k = 10, w₀ = 1");
    expect(bad.err[0]).toContain("9 of 36 parameter sets");
  });
  it("says when a question's parameter sets were sampled rather than all tried", async () => {
    const big = JSON.parse(JSON.stringify(regularizationLesson));
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    big.activities[18].questions[0].params = { B: { values: [32, 64, 128] }, lambda: { values: [0.001, 0.01] }, u: { values }, v: { values }, x: { values } };
    files.set("big.json", JSON.stringify(big));
    const r = await run("lesson", "check", "big.json");
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['big.json: note: activities[18].questions[0].params: question "lambda-mean-vs-sum": 6000 parameter sets, too many to try all; checked a seeded sample of 4096']);
    expect((await run("lesson", "check", "notjson.json")).code).toBe(2);
  });
});

describe("the installed bin", () => {
  const exec = promisify(execFile);
  const bin = fileURLToPath(new URL("../bin/livelab.mjs", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "livelab-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs as a process: JSON lines on stdout, exit 0", async () => {
    const { stdout } = await exec(process.execPath, [bin, "sim", "lambda-experiment", "--steps", "10", "--every", "5", "--json"]);
    expect(stdout.trim().split("\n")).toHaveLength(3);
  });
  it("exits 2 with one line on stderr for a bad preset", async () => {
    const err = await exec(process.execPath, [bin, "sim", "nope"]).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim().split("\n")).toHaveLength(1);
  });
  it("lesson check reads a real file", async () => {
    const file = join(dir, "lesson.json");
    writeFileSync(file, JSON.stringify(regularizationLesson));
    const { stdout } = await exec(process.execPath, [bin, "lesson", "check", file]);
    expect(stdout).toContain("ok");
  });
});
