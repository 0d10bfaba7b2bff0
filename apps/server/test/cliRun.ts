import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../src/tools/dbCli.ts", import.meta.url));
const serverDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Run `npm run db:<command>` the way npm does: the server's CLI, started in apps/server (npm
 * runs a workspace's scripts there), with only `env` telling it where the database is.
 */
export function runDbCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _u, DATA_DIR: _d, ...rest } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], { cwd: serverDir, env: { ...rest, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { out += d.toString(); });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

export const locationEnv = (location: { dataDir: string } | { url: string }): Record<string, string> =>
  "url" in location ? { DATABASE_URL: location.url } : { DATA_DIR: location.dataDir };
