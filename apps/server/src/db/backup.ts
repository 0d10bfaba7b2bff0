import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataDir } from "./dataDirLock.ts";

/**
 * `npm run db:backup` / `db:restore`. PostgreSQL: pg_dump's custom format, restored by
 * pg_restore (the standard tools; any PostgreSQL operator can read the file). PGlite: a
 * gzipped tar of the data folder written by PGlite itself (dumpDataDir), taken with the data
 * folder locked — refused while the server holds it, since PGlite is single-process; the sign-in
 * key (auth-secret) in that folder comes along. A backup restores only into an empty database
 * of the same kind; the server applies newer migrations when it starts on it.
 */
export type BackupKind = "postgres" | "pglite";

export class BackupError extends Error {
  readonly code = "BACKUP_REFUSED";
}

/** What kind of backup a file holds, from its first bytes (pg_dump's "PGDMP", gzip's 1f 8b). */
export function backupKindOf(file: string): BackupKind | null {
  const fd = openSync(file, "r");
  const head = Buffer.alloc(5);
  readSync(fd, head, 0, 5, 0);
  closeSync(fd);
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  return null;
}

export async function backupDatabase(o: { url?: string; dataDir: string; file: string }): Promise<BackupKind> {
  if (o.url && !findTool("pg_dump")) throw missingTool("pg_dump");
  try {
    mkdirSync(dirname(o.file), { recursive: true });
  } catch (e) {
    throw new BackupError(`cannot create ${dirname(o.file)} (${(e as { code?: string }).code ?? (e as Error).message}): name a file in a folder you can write, e.g. npm run db:backup -- /var/backups/livelab.dump`);
  }
  if (o.url) {
    await runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${o.file}`, `--dbname=${o.url}`]);
    return "postgres";
  }
  if (!existsSync(join(o.dataDir, "PG_VERSION"))) throw new BackupError(`there is no database in ${o.dataDir} to back up`);
  const unlock = await lockDataDir(o.dataDir, "npm run db:backup");
  try {
    const db = new PGlite(o.dataDir);
    await db.waitReady;
    try {
      // Inside PGlite, with nothing else writing: a consistent copy of the whole cluster.
      const tar = await db.dumpDataDir("gzip");
      writeFileSync(o.file, Buffer.from(await tar.arrayBuffer()), { mode: 0o600 });
    } finally {
      await db.close();
    }
  } finally {
    await unlock();
  }
  return "pglite";
}

export async function restoreDatabase(o: { url?: string; dataDir: string; file: string }): Promise<BackupKind> {
  if (!existsSync(o.file)) throw new BackupError(`no backup file at ${o.file}`);
  const kind = backupKindOf(o.file);
  const target: BackupKind = o.url ? "postgres" : "pglite";
  if (!kind) throw new BackupError(`${o.file} is not a LiveLab backup (neither pg_dump's custom format nor a PGlite data folder archive)`);
  if (kind !== target) {
    throw new BackupError(kind === "postgres"
      ? `${o.file} is a PostgreSQL backup (pg_dump): restore it with DATABASE_URL set to an empty PostgreSQL database`
      : `${o.file} is a PGlite backup: restore it without DATABASE_URL, into an empty DATA_DIR`);
  }
  if (o.url) {
    if (await hasTables(o.url)) throw new BackupError("the target database is not empty: restore into a new, empty database (createdb), then point DATABASE_URL at it");
    await runTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${o.url}`, o.file]);
    return "postgres";
  }
  if (existsSync(o.dataDir) && readdirSync(o.dataDir).length > 0) {
    throw new BackupError(`${o.dataDir} is not empty: restore into a new DATA_DIR (or move this one away first)`);
  }
  mkdirSync(o.dataDir, { recursive: true });
  const unlock = await lockDataDir(o.dataDir, "npm run db:restore");
  try {
    const db = new PGlite(o.dataDir, { loadDataDir: new Blob([readFileSync(o.file)]) });
    await db.waitReady;
    await db.query("SELECT 1");
    await db.close();
  } finally {
    // The archive may carry the lock of the process that took it; ours replaces and removes it.
    await unlock();
    rmSync(join(o.dataDir, "livelab.lock"), { recursive: true, force: true });
  }
  return "pglite";
}

async function hasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    return (r.rows[0] as { n: number }).n > 0;
  } finally {
    await client.end();
  }
}

function missingTool(name: string): BackupError {
  return new BackupError(`${name} was not found: install PostgreSQL's client tools (Debian/Ubuntu: apt-get install postgresql-client, the server's major version or newer), or run it beside the database, e.g. docker compose exec -T db ${name} … (docs/DEPLOY.md)`);
}

/** pg_dump / pg_restore from PATH, or the newest PostgreSQL installed in Debian's layout. */
export function findTool(name: "pg_dump" | "pg_restore"): string | null {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, "bin", name))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], "bin", name) : null;
}

function runTool(name: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  const tool = findTool(name);
  if (!tool) return Promise.reject(missingTool(name));
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "inherit", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new BackupError(`${name} failed (exit code ${code}): ${err.trim()}`))));
  });
}
