#!/usr/bin/env node
// `npm test` for the web app: build it when stale, report the bundle, then run the browser
// tests (Playwright driving Debian's Chromium against a real LiveLab server).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const web = join(import.meta.dirname, "..");
const root = join(web, "..", "..");
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const buildId = join(web, ".next", "BUILD_ID");
const sources = Math.max(newest(join(web, "src")), newest(join(root, "packages", "core", "src")));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!existsSync(buildId) || statSync(buildId).mtimeMs < sources) {
  const b = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: web, stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
spawnSync(process.execPath, [join(web, "scripts", "report-bundle.mjs")], { stdio: "inherit" });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.env.CI === "true") {
    console.error(`e2e: Chromium is missing at ${chromium} (.ci/run installs it)`);
    process.exit(1);
  }
  console.warn(`e2e: skipping browser tests, no Chromium at ${chromium} (apt-get install -y chromium)`);
  process.exit(0);
}
const t = spawnSync(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run"], { cwd: web, stdio: "inherit", env });
process.exit(t.status ?? 1);
