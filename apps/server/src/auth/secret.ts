import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The key that signs teachers' sign-in cookies. AUTH_SECRET when set; otherwise one is made
 * on first start and kept in DATA_DIR/auth-secret (readable by the owner only), so
 * `npm start` needs no configuration and teachers stay signed in across restarts.
 * With PGlite, DATA_DIR is the database folder too (like a server.crt in a PGDATA folder):
 * callers open the database first, so the folder is initialized before this file appears.
 */
export function loadAuthSecret(opts: { fromEnv?: string; dataDir: string }): string {
  if (opts.fromEnv) return opts.fromEnv;
  const file = join(opts.dataDir, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
