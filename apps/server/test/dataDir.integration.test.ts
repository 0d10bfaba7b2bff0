/**
 * One data folder for every command, and one process at a time in it (hardening finding 12.13:
 * `npm run db:seed` wrote to apps/server/.data while `npm start` read ./.data, and beside a
 * running server it printed "created" into a database the server never saw).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.ts";
import { LIVELAB_ROOT, loadEnv } from "../src/env.ts";
import { runDbCli } from "./cliRun.ts";

const scratch = mkdtempSync(join(tmpdir(), "livelab-datadir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("DATA_DIR", () => {
  it("a relative DATA_DIR is the same folder for every command, whatever folder npm runs it in", async () => {
    expect(LIVELAB_ROOT).toBe(fileURLToPath(new URL("../../..", import.meta.url)));
    expect(loadEnv({}).DATA_DIR).toBe(join(LIVELAB_ROOT, ".data"));
    expect(loadEnv({ DATA_DIR: "/srv/livelab" }).DATA_DIR).toBe("/srv/livelab");
    // npm runs db:* inside apps/server; the folder must still be the LiveLab folder's.
    const rel = `.data-test-${process.pid}`;
    try {
      const r = await runDbCli(["migrate"], { DATA_DIR: rel });
      expect(r.code, r.out).toBe(0);
      expect(existsSync(join(LIVELAB_ROOT, rel, "PG_VERSION"))).toBe(true);
      expect(existsSync(join(LIVELAB_ROOT, "apps", "server", rel))).toBe(false);
    } finally {
      rmSync(join(LIVELAB_ROOT, rel), { recursive: true, force: true });
    }
  });
});

describe("one process in a PGlite data folder", () => {
  it("db:seed beside a running server is refused with a clear message; after the server stops it works and the server sees the class", async () => {
    const dir = join(scratch, "seed");
    const server = await openDatabase({ dataDir: dir, command: "the LiveLab server" }); // holds the folder, as `npm start` does
    const refused = await runDbCli(["seed"], { DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(`cannot open the data folder ${dir}: it is in use by the LiveLab server (pid ${process.pid}`);
    expect(refused.out).toContain("stop the LiveLab server");
    expect(refused.out).not.toContain("created");
    await server.close();

    const seeded = await runDbCli(["seed"], { DATA_DIR: dir });
    expect(seeded.code, seeded.out).toBe(0);
    const sessionId = /teach\/reports\/(\S+)/.exec(seeded.out)![1];
    const restarted = await openDatabase({ dataDir: dir });
    expect(await restarted.prisma.classSession.count({ where: { id: sessionId } })).toBe(1);
    await restarted.close();
  });

  it("a server killed with SIGKILL leaves no lock that blocks its restart", async () => {
    const dir = join(scratch, "killed");
    const database = fileURLToPath(new URL("../src/db/database.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "-e", `import(${JSON.stringify(database)}).then((m) => m.openDatabase({ dataDir: ${JSON.stringify(dir)} })).then(() => console.log("open"))`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { if (d.toString().includes("open")) resolve(); }));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // At once: the lock is still fresh (under 10 s old), so only the dead-owner rule lets this through.
    const db = await openDatabase({ dataDir: dir });
    expect(await db.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await db.close();
  });

  it("a second opener in the same process is refused too", async () => {
    const dir = join(scratch, "twice");
    const first = await openDatabase({ dataDir: dir, command: "first" });
    await expect(openDatabase({ dataDir: dir, command: "second" })).rejects.toThrow(/in use by first/);
    await first.close();
  });
});
