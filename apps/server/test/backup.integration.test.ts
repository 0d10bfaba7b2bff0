/**
 * Backups a school can rely on: `npm run db:backup` of a database holding the demo class
 * (`npm run db:seed`), `npm run db:restore` into an empty one, and the class report served by a
 * server on the restored database is identical, JSON for JSON; the demo teacher's password
 * still works. On PGlite (a copy of the data folder, refused while a server holds it) and on
 * PostgreSQL (pg_dump / pg_restore).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport } from "@livelab/core/report";
import { ReportStore } from "../src/db/reportStore.ts";
import { DEMO_TEACHER } from "../src/tools/demoClass.ts";
import { findTool } from "../src/db/backup.ts";
import { backends, signInTeacher, startServer, testDatabase, type TestDatabase } from "./helpers.ts";
import { locationEnv, runDbCli } from "./cliRun.ts";

const scratch = mkdtempSync(join(tmpdir(), "livelab-backup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The report as the teacher's browser gets it, from a server on `tdb`. */
async function reportOver(tdb: TestDatabase, sessionId: string): Promise<unknown> {
  const server = await startServer(tdb);
  try {
    const teacher = await signInTeacher(server.url, DEMO_TEACHER.email, DEMO_TEACHER.password);
    const res = await teacher.fetch(`/api/sessions/${sessionId}/report`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: unknown }).data;
  } finally {
    await server.stop();
  }
}

if (process.env.CI === "true" && !findTool("pg_dump")) throw new Error("CI needs pg_dump and pg_restore (PostgreSQL's client tools, installed with postgresql by .ci/run)");

for (const backend of backends()) {
  describe.skipIf(backend === "postgres" && !findTool("pg_dump"))(`backup and restore (${backend})`, () => {
    const dbs: TestDatabase[] = [];
    afterAll(async () => { for (const d of dbs) await d.drop(); });

    it("backs up the seeded demo class, restores it into an empty database, and the report is identical", async () => {
      const source = await testDatabase(backend);
      dbs.push(source);
      const seeded = await runDbCli(["seed"], locationEnv(source.location));
      expect(seeded.code, seeded.out).toBe(0);
      const sessionId = /teach\/reports\/(\S+)/.exec(seeded.out)![1];
      const before = await reportOver(source, sessionId);
      // The seeded class really has content, so "identical" compares something.
      const direct = await source.open();
      const owned = await new ReportStore(direct).loadOwned(sessionId, (await direct.prisma.user.findUniqueOrThrow({ where: { email: DEMO_TEACHER.email } })).id);
      await direct.close();
      expect(owned!.input.responses.length).toBeGreaterThan(50);
      expect(before).toEqual(JSON.parse(JSON.stringify(buildReport(owned!.input))));

      const file = join(scratch, `${backend}.backup`);
      const backedUp = await runDbCli(["backup", file], locationEnv(source.location));
      expect(backedUp.code, backedUp.out).toBe(0);

      const target = await testDatabase(backend);
      dbs.push(target);
      if ("dataDir" in target.location) rmSync(target.location.dataDir, { recursive: true, force: true }); // a DATA_DIR that does not exist yet
      const restored = await runDbCli(["restore", file], locationEnv(target.location));
      expect(restored.code, restored.out).toBe(0);
      expect(await reportOver(target, sessionId)).toEqual(before);

      // Restoring again over the now non-empty database is refused, and changes nothing.
      const again = await runDbCli(["restore", file], locationEnv(target.location));
      expect(again.code).toBe(2);
      expect(again.out).toMatch(/not empty/);
    });

    it.runIf(backend === "pglite")("refuses a PGlite backup while a server holds the data folder, and a file that is no backup", async () => {
      const tdb = await testDatabase("pglite");
      dbs.push(tdb);
      const server = await startServer(tdb);
      try {
        const r = await runDbCli(["backup", join(scratch, "while-running.tar.gz")], locationEnv(tdb.location));
        expect(r.code).toBe(2);
        expect(r.out).toMatch(/npm run db:backup cannot open the data folder .*: it is in use by LiveLab \(pid \d+/);
      } finally {
        await server.stop();
      }
      const junk = join(scratch, "junk.dump");
      writeFileSync(junk, "hello");
      const j = await runDbCli(["restore", junk], { DATA_DIR: join(scratch, "junk-target") });
      expect(j.code).toBe(2);
      expect(j.out).toContain("is not a LiveLab backup");
    });
  });
}
