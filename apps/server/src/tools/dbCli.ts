/**
 * `npm run db:migrate | db:seed | db:reset` — on PGlite (DATA_DIR) or DATABASE_URL, like the server.
 * - migrate: apply pending migrations.
 * - seed: (rerunnable) a demo teacher and a finished demo class with realistic answers; prints
 *   the login and the report's URL. `-- --fresh` replaces the demo class.
 * - reset: drop every LiveLab table and migrate again (asks for --yes).
 */
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "./demoClass.ts";
import { pino } from "pino";
import { loadEnv } from "../env.ts";
import { createAuth } from "../auth/auth.ts";
import { loadAuthSecret } from "../auth/secret.ts";

async function run(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  const env = loadEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const where = db.kind === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL";
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
    console.error("usage: db:migrate | db:seed | db:reset -- --yes");
    return 2;
  } finally {
    await db.close();
  }
}

run().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
