import { pino } from "pino";
import { createApp } from "./app.ts";
import { loadAuthSecret } from "./auth/secret.ts";
import { DataDirBusyError } from "./db/dataDirLock.ts";
import { lockNodeMode, NodeModeConflictError } from "./db/nodeModeLock.ts";
import { parseSignupPolicy } from "./auth/signupPolicy.ts";
import { openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { loadEnv } from "./env.ts";
import { createNextHandler } from "./http/nextApp.ts";
import { TestClock } from "./practice/practiceClock.ts";
import { connectRedis, nodeName } from "./cluster/redis.ts";

/** `npm start`: LiveLab on one port, on PGlite (./.data) unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = pino({ level: env.LOG_LEVEL });
  // On PostgreSQL: one single node, or the nodes of one cluster, never both (PGlite has its folder lock).
  const unlockMode = env.DATABASE_URL ? await lockNodeMode(env.DATABASE_URL, env.REDIS_URL ? "scaled" : "single") : null;
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, command: "the LiveLab server" });
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, "database migrated");
  // The web app: built (production) unless LIVELAB_WEB=dev; LIVELAB_WEB=off serves the API only.
  const webMode = env.LIVELAB_WEB;
  const web = webMode === "off" ? null : await createNextHandler({ dev: webMode === "dev" });
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL, log) : null;
  const node = nodeName(env.NODE_ID);
  const app = await createApp({ db, log }, {
    cluster: redis ? { redis, node } : undefined,
    publicUrl: env.PUBLIC_URL,
    bench: env.LIVELAB_BENCH === "1",
    authSecret: loadAuthSecret({ fromEnv: env.AUTH_SECRET, dataDir: env.DATA_DIR }),
    authRateLimit: env.NODE_ENV === "production" && env.LIVELAB_BENCH !== "1",
    trustProxy: env.TRUST_PROXY,
    metrics: env.METRICS === "1" ? { token: env.METRICS_TOKEN } : undefined,
    signup: parseSignupPolicy(env.TEACHER_SIGNUP),
    sessionLimits: { liveSessionsPerTeacher: env.MAX_LIVE_SESSIONS_PER_TEACHER, idleMs: env.SESSION_IDLE_HOURS * 3_600_000 },
    webDev: webMode === "dev",
    testClock: env.LIVELAB_TEST_CLOCK === "1" ? new TestClock() : undefined,
    fallback: web ? (req, res) => void web.handle(req, res) : undefined,
  });
  if (web?.upgrade) {
    // Next's dev server needs its own websocket (hot reload); Socket.IO keeps /socket.io.
    app.http.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io")) void web.upgrade!(req, socket, head);
    });
  }
  const { port, url } = await app.listen(env.PORT, env.HOST);
  log.info({ port, database: db.kind, sessions: app.rooms.all().length, ...(redis ? { node } : {}) }, `LiveLab is running: ${url}`);
  const where = db.kind === "pglite" ? `embedded database in ${env.DATA_DIR}` : redis ? `PostgreSQL, node ${node} of several sharing Redis` : "PostgreSQL";
  console.log(`\n  LiveLab is running on port ${port} (${where})\n  Students join at: ${url}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await app.close();
    redis?.disconnect();
    await db.close();
    await unlockMode?.();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  if (e instanceof DataDirBusyError || e instanceof NodeModeConflictError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
