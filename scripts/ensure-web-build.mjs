// Build the web app (apps/web) when its build is missing or older than its sources (the web
// app's own files and core, which it compiles in). Shared by `npm start` and the web tests.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const web = join(root, "apps", "web");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Returns the build's exit status (0 when nothing needed doing). */
export function ensureWebBuild(env = process.env) {
  const buildId = join(web, ".next", "BUILD_ID");
  const sources = Math.max(newest(join(web, "src")), newest(join(root, "packages", "core", "src")), statSync(join(web, "next.config.ts")).mtimeMs);
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= sources) return 0;
  console.log("Building the web app (first run, or sources changed)…");
  const r = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: web, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return r.status ?? 1;
}
