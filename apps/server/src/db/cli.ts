/**
 * `npm run db:migrate | db:seed | db:reset` — on PGlite (DATA_DIR) or DATABASE_URL, like the server.
 * - migrate: apply pending migrations.
 * - seed: (rerunnable) create a demo session with a few students and answers if none exists,
 *   and print its code. Teacher accounts and reports arrive with the reports issue.
 * - reset: drop every LiveLab table and migrate again (asks for --yes).
 */
import { builtInLesson } from "@livelab/core/lesson";
import { pino } from "pino";
import { openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";
import { SessionStore } from "./store.ts";
import { loadEnv } from "../env.ts";
import { Rooms } from "../live/rooms.ts";
import { ExperimentPool } from "../live/experimentPool.ts";

const DEMO_NICKNAMES = ["Ada", "Grace", "Alan", "Katherine", "Claude"];

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
      await db.exec(`DROP TABLE IF EXISTS "Response", "ExperimentRun", "SessionEvent", "Participant", "ClassSession", "_prisma_migrations" CASCADE`);
      const applied = await migrate(db);
      console.log(`reset ${where}; applied ${applied.join(", ")}`);
      return 0;
    }
    if (command === "seed") {
      await migrate(db);
      const store = new SessionStore(db);
      const existing = await db.prisma.classSession.findFirst({ where: { lessonId: "regularization", participants: { some: { nickname: "Ada" } } } });
      if (existing) {
        console.log(`demo session already exists: code ${existing.code} (${existing.status})`);
        return 0;
      }
      const experiments = new ExperimentPool(1);
      const rooms = new Rooms({ store, experiments, log: pino({ level: "silent" }) });
      const { room, hostSecret } = await rooms.create(builtInLesson());
      const ids: string[] = [];
      for (const nickname of DEMO_NICKNAMES) {
        const r = await room.join({ nickname, key: nickname.toLowerCase() });
        if (r.ok) ids.push(r.data.participantId);
      }
      await room.command({ type: "goTo", index: 3 });
      await room.command({ type: "openQuestion", questionId: "l2-decay-factor" });
      const answers = ["0.998", "0.999", "0.998", "0.002", "0,998"];
      for (const [i, pid] of ids.entries()) await room.submitAnswer(pid, "l2-decay-factor", answers[i], `seed-${i}-00000000`);
      await room.command({ type: "revealQuestion", questionId: "l2-decay-factor" });
      await room.flush();
      rooms.closeAll();
      await experiments.close();
      console.log(`created demo session ${room.id}: join code ${room.code}, ${ids.length} students, host secret ${hostSecret}`);
      return 0;
    }
    console.error("usage: db:migrate | db:seed | db:reset -- --yes");
    return 2;
  } finally {
    await db.close();
  }
}

run().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
