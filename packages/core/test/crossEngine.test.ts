/**
 * The same golden-hash check in four JavaScript engines: Node (V8), headless Chromium (V8 in
 * a browser), JavaScriptCore (`jsc`, the engine of every iPhone browser) and SpiderMonkey
 * (`js102`, Firefox's). All must print the hashes pinned in golden/hashes.json.
 *
 * The non-Node engines come from Debian packages (.ci/run installs them). Without them the
 * check is skipped locally with a note — but under CI (CI=true) a missing engine fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGoldenCheck, type GoldenResult } from "./golden/goldenCheck.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const pinned: GoldenResult = JSON.parse(readFileSync(join(here, "golden/hashes.json"), "utf8"));
const inCI = process.env.CI === "true" || process.env.CI === "1";

const JSC = "/usr/bin/jsc";
const SPIDERMONKEY = "/usr/bin/js102";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let dir = "";
let bundle = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "livelab-golden-"));
  const result = await build({
    entryPoints: [join(here, "golden/goldenCheck.ts")],
    bundle: true,
    format: "iife",
    globalName: "LiveLabGolden",
    target: "es2020",
    write: false,
    platform: "neutral",
  });
  bundle = result.outputFiles[0].text;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run the bundle in a shell that has `print` instead of console.log. */
function runInShell(binary: string): GoldenResult {
  const file = join(dir, `golden-${binary.split("/").pop()}.js`);
  writeFileSync(file, `${bundle}\nprint(JSON.stringify(LiveLabGolden.runGoldenCheck()));\n`);
  const out = execFileSync(binary, [file], { encoding: "utf8", timeout: 120_000 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

function engineOrSkip(path: string, name: string): boolean {
  if (existsSync(path)) return true;
  if (inCI) throw new Error(`${name} (${path}) is missing: .ci/run should have installed it`);
  console.warn(`skipping ${name}: ${path} not installed (apt-get install -y libjavascriptcoregtk-4.0-bin libmozjs-102-dev chromium)`);
  return false;
}

describe("golden hashes are identical in four JavaScript engines", () => {
  it("Node (V8), running the TypeScript directly", () => {
    expect(runGoldenCheck()).toEqual(pinned);
  });

  it("Node (V8), running the esbuild bundle", () => {
    const fn = new Function(`${bundle}\nreturn LiveLabGolden.runGoldenCheck();`);
    expect(fn()).toEqual(pinned);
  });

  it("JavaScriptCore (jsc)", (ctx) => {
    if (!engineOrSkip(JSC, "JavaScriptCore")) return ctx.skip();
    expect(runInShell(JSC)).toEqual(pinned);
  });

  it("SpiderMonkey (js102)", (ctx) => {
    if (!engineOrSkip(SPIDERMONKEY, "SpiderMonkey")) return ctx.skip();
    expect(runInShell(SPIDERMONKEY)).toEqual(pinned);
  });

  it("headless Chromium", async (ctx) => {
    if (!engineOrSkip(CHROMIUM, "Chromium")) return ctx.skip();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      const result = await page.evaluate(`${bundle}\nLiveLabGolden.runGoldenCheck();`);
      expect(result).toEqual(pinned);
    } finally {
      await browser.close();
    }
  });
});
