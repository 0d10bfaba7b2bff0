#!/usr/bin/env node
// After `next build`: report each route's first-load JavaScript, gzipped, from the build
// manifests, and flag the student route against its 150 kB budget (phones on school Wi-Fi).
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

const dir = join(import.meta.dirname, "..", ".next");
const manifestPath = join(dir, "app-build-manifest.json");
const fallback = join(dir, "server", "app-paths-manifest.json");
const BUDGET_KB = 150;

function gz(file) {
  const p = join(dir, file.replace(/^\/?_next\//, ""));
  return existsSync(p) ? gzipSync(readFileSync(p)).length : 0;
}

let routes = {};
if (existsSync(manifestPath)) {
  routes = JSON.parse(readFileSync(manifestPath, "utf8")).pages;
} else {
  // Turbopack builds: each route's client reference manifest lists its entry chunks.
  const pages = existsSync(fallback) ? Object.keys(JSON.parse(readFileSync(fallback, "utf8"))) : [];
  for (const page of pages) {
    const crm = join(dir, "server", "app", `${page}_client-reference-manifest.js`);
    if (!existsSync(crm)) continue;
    const sandbox = { globalThis: {} };
    runInNewContext(readFileSync(crm, "utf8"), sandbox);
    const json = sandbox.globalThis.__RSC_MANIFEST[page];
    const files = new Set(json.entryJSFiles ? Object.values(json.entryJSFiles).flat() : []);
    routes[page.replace(/\/page$/, "") || "/"] = [...files];
  }
}
const shared = new Set();
const build = existsSync(join(dir, "build-manifest.json")) ? JSON.parse(readFileSync(join(dir, "build-manifest.json"), "utf8")) : {};
// Polyfills load only in old browsers (nomodule), so they are not counted.
for (const f of build.rootMainFiles ?? []) shared.add(f);
const rows = [];
for (const [route, files] of Object.entries(routes)) {
  const all = new Set([...shared, ...files.filter((f) => f.endsWith(".js"))]);
  let bytes = 0;
  for (const f of all) bytes += gz(f.startsWith("static/") ? f : f.replace(/^.*?static\//, "static/"));
  rows.push({ route, kb: bytes / 1024 });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
console.log("\nFirst-load JavaScript per route (gzipped):");
for (const r of rows) console.log(`  ${r.route.padEnd(32)} ${r.kb.toFixed(1).padStart(7)} kB`);
const student = rows.find((r) => r.route === "/join/[code]");
if (student) console.log(`\nStudent route: ${student.kb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB) ${student.kb <= BUDGET_KB ? "✓" : "— OVER BUDGET"}`);
