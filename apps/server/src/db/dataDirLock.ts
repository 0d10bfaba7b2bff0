import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";

/** Who holds a data folder: written beside the lock so a refused command can say who. */
interface LockOwner { pid: number; host: string; command: string; since: string }

/** The data folder is open in another process (PGlite is single-process). The message says what to do. */
export class DataDirBusyError extends Error {
  readonly code = "DATA_DIR_BUSY";
}

const LOCK = "livelab.lock";
const OWNER = "livelab.lock.json";
/** Folders this process holds (a lock file with our own pid is otherwise a previous incarnation's). */
const held = new Set<string>();

/**
 * Take the data folder for this process, or refuse. PGlite keeps the database in a folder
 * that exactly one process may open: a second opener (`npm run db:seed` beside a running
 * server) would write into a copy the server never sees, or corrupt it. proper-lockfile keeps
 * a lock directory fresh while we live (stale after 10 s without updates, e.g. another
 * machine sharing the folder crashed); a lock left by a dead process on this machine — or by
 * this very pid, as after a container restart where the server is pid 1 again — is taken over
 * at once, so a crashed server restarts without waiting.
 */
export async function lockDataDir(dir: string, command: string, onLost: (e: Error) => void = () => {}): Promise<() => Promise<void>> {
  const lockfilePath = join(dir, LOCK);
  const ownerFile = join(dir, OWNER);
  if (held.has(lockfilePath)) throw busy(dir, readOwner(ownerFile), command);
  const take = () => lockfile.lock(dir, { lockfilePath, realpath: false, stale: 10_000, update: 2_000, retries: 0, onCompromised: onLost });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (e) {
    if ((e as { code?: string }).code !== "ELOCKED") throw e;
    const owner = readOwner(ownerFile);
    if (!owner || owner.host !== hostname() || (owner.pid !== process.pid && alive(owner.pid))) throw busy(dir, owner, command);
    rmSync(lockfilePath, { recursive: true, force: true }); // its owner is gone
    release = await take().catch((again: unknown) => {
      if ((again as { code?: string }).code === "ELOCKED") throw busy(dir, readOwner(ownerFile), command);
      throw again;
    });
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  writeFileSync(ownerFile, JSON.stringify(me) + "\n");
  held.add(lockfilePath);
  return async () => {
    held.delete(lockfilePath);
    rmSync(ownerFile, { force: true });
    await release().catch(() => {});
  };
}

function busy(dir: string, owner: LockOwner | null, command: string): DataDirBusyError {
  const who = owner ? `${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.since})` : "another LiveLab process";
  return new DataDirBusyError(
    `${command} cannot open the data folder ${dir}: it is in use by ${who}. ` +
      "The embedded database (PGlite) can be opened by one process at a time: stop the LiveLab server " +
      "(Ctrl+C, or `docker compose stop app`), run this again, then start the server. With PostgreSQL (DATABASE_URL) this works while the server runs.",
  );
}

function readOwner(file: string): LockOwner | null {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LockOwner) : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"; // exists, owned by someone else
  }
}
