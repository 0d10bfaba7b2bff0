#!/usr/bin/env node
// `npm start`: build the web app when its build is missing or stale, then run the LiveLab
// server (web app + API + Socket.IO on one port) in production mode.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureWebBuild } from "./ensure-web-build.mjs";

const root = join(import.meta.dirname, "..");
if (process.env.LIVELAB_WEB !== "off") {
  const status = ensureWebBuild();
  if (status !== 0) process.exit(status);
}
const child = spawn(process.execPath, ["--import", "tsx", join(root, "apps", "server", "src", "main.ts")], {
  cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
