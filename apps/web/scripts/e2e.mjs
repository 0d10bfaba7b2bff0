#!/usr/bin/env node
// `npm test` for the web app: build it when stale, report the bundle, then run the browser
// tests (Playwright driving Debian's Chromium against a real LiveLab server).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureWebBuild } from "../../../scripts/ensure-web-build.mjs";

const web = join(import.meta.dirname, "..");
const root = join(web, "..", "..");
const built = ensureWebBuild();
if (built !== 0) process.exit(built);
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
const t = spawnSync(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run"], { cwd: web, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
process.exit(t.status ?? 1);
