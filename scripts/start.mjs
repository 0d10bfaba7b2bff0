#!/usr/bin/env node
// `npm start`: build the web app when its build is missing or older than its sources, then
// run the LiveLab server (web app + API + Socket.IO on one port) in production mode.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const web = join(root, "apps", "web");
const buildId = join(web, ".next", "BUILD_ID");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (process.env.LIVELAB_WEB !== "off") {
  const sources = Math.max(newest(join(web, "src")), newest(join(root, "packages", "core", "src")), statSync(join(web, "next.config.ts")).mtimeMs);
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < sources) {
    console.log("Building the web app (first start, or sources changed)…");
    const r = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: web, stdio: "inherit", env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
const child = spawn(process.execPath, ["--import", "tsx", join(root, "apps", "server", "src", "main.ts")], {
  cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
