/**
 * `npm run db:migrate | db:seed | db:reset | db:backup | db:restore` — on PGlite (DATA_DIR) or
 * DATABASE_URL, like the server (the same DATA_DIR, whichever folder npm runs this in).
 * - migrate: apply pending migrations.
 * - seed: (rerunnable) a demo teacher and a finished demo class with realistic answers; prints
 *   the login and the report's URL. `-- --fresh` replaces the demo class.
 * - reset: drop every LiveLab table and migrate again (asks for --yes).
 * - backup [FILE]: pg_dump (PostgreSQL) or a copy of the PGlite folder (backup.ts); default
 *   FILE: backups/livelab-<kind>-<time>.{dump,tar.gz} in the LiveLab folder.
 * - restore FILE: into an empty database of the same kind.
 * With PGlite, each of these refuses while the server holds the data folder (dataDirLock.ts).
 */
import { resolve } from "node:path";
import { BackupError, backupDatabase, restoreDatabase } from "../db/backup.ts";
import { DataDirBusyError } from "../db/dataDirLock.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "./demoClass.ts";
import { pino } from "pino";
import { LIVELAB_ROOT, loadEnv } from "../env.ts";
import { createAuth } from "../auth/auth.ts";
import { loadAuthSecret } from "../auth/secret.ts";

async function run(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  const env = loadEnv();
  const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.DATA_DIR}`;
  // Relative backup paths are relative to the folder npm was started in (npm runs this in apps/server).
  const fromShell = (f: string) => resolve(process.env.INIT_CWD ?? process.cwd(), f);
  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
    const file = flags[0] ? fromShell(flags[0]) : resolve(LIVELAB_ROOT, "backups", `livelab-${env.DATABASE_URL ? "postgres" : "pglite"}-${stamp}.${env.DATABASE_URL ? "dump" : "tar.gz"}`);
    const kind = await backupDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, file });
    console.log(`backed up ${where} to ${file} (${kind === "postgres" ? "pg_dump custom format" : "PGlite data folder, gzipped tar"})`);
    return 0;
  }
  if (command === "restore") {
    if (!flags[0]) {
      console.error("usage: npm run db:restore -- FILE   (into an empty database: a new DATA_DIR, or an empty DATABASE_URL)");
      return 2;
    }
    const file = fromShell(flags[0]);
    await restoreDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, file });
    console.log(`restored ${file} into ${where}; the server applies any newer migrations when it starts`);
    return 0;
  }
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, command: `npm run db:${command}` });
  try {
    if (command === "migrate") {
      const applied = await migrate(db);
      console.log(applied.length ? `applied ${applied.join(", ")} (${where})` : `database is up to date (${where})`);
      return 0;
    }
    if (command === "reset") {
      if (!flags.includes("--yes")) {
        console.error(`db:reset deletes every LiveLab table in ${where}. Run again with --yes: npm run db:reset -- --yes`);
        return 2;
      }
      await db.exec(`DROP TABLE IF EXISTS "Response", "ExperimentRun", "SessionEvent", "Participant", "ClassSession", "AuthSession", "AuthAccount", "AuthVerification", "User", "_prisma_migrations" CASCADE`);
      const applied = await migrate(db);
      console.log(`reset ${where}; applied ${applied.join(", ")}`);
      return 0;
    }
    if (command === "seed") {
      await migrate(db);
      const auth = createAuth({ prisma: db.prisma, secret: loadAuthSecret({ fromEnv: env.AUTH_SECRET, dataDir: env.DATA_DIR }), log: pino({ level: env.LOG_LEVEL }) });
      const demo = await seedDemo(db, auth, { fresh: flags.includes("--fresh") });
      const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
      console.log(`${demo.created ? "created" : "kept"} the demo class ${demo.code} (${where})${demo.created ? "" : "; npm run db:seed -- --fresh makes a new one"}
  sign in at ${base}/signin
    email:    ${demo.email}
    password: ${demo.password}
  report:   ${base}/teach/reports/${demo.sessionId}`);
      return 0;
    }
    console.error("usage: db:migrate | db:seed | db:reset -- --yes | db:backup [-- FILE] | db:restore -- FILE");
    return 2;
  } finally {
    await db.close();
  }
}

run().then((code) => process.exit(code), (e) => {
  // Refusals with a reason a person can act on: one line, exit code 2.
  if (e instanceof DataDirBusyError || e instanceof BackupError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
