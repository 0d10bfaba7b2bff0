import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ERROR_CODES, fail, MAX_PAYLOAD_BYTES } from "@livelab/core/protocol";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { toNodeHandler } from "better-auth/node";
import { randomBytes } from "node:crypto";
import { CLIENT_ADDRESS_HEADER, createAuth, type Auth } from "./auth/auth.ts";
import { SignInLimits } from "./auth/signInLimits.ts";
import type { SignupPolicy } from "./auth/signupPolicy.ts";
import { redirectAnonymous } from "./auth/teacher.ts";
import { ReportStore } from "./db/reportStore.ts";
import { teacherRouter } from "./http/teacherRoutes.ts";
import type { Database } from "./db/database.ts";
import { PrismaRoomStore } from "./db/prismaRoomStore.ts";
import { apiRouter } from "./http/routes.ts";
import { lessonRouter } from "./http/lessonRoutes.ts";
import { LessonStore } from "./db/lessonStore.ts";
import { LessonLibrary } from "./lessons/lessonLibrary.ts";
import { LessonWorkers, type LessonWorkerOptions } from "./lessons/lessonWorkers.ts";
import { benchRouter } from "./http/benchRoutes.ts";
import { sameOriginOnly } from "./http/origin.ts";
import { publicUrl } from "./http/publicUrl.ts";
import { metricsRouter } from "./http/metrics.ts";
import { clientAddress, compileTrustProxy } from "./http/proxyTrust.ts";
import { requestLog } from "./http/requestLog.ts";
import { secureCookiesOverHttps, servedOverHttps } from "./http/secureCookies.ts";
import { securityHeaders } from "./http/securityHeaders.ts";
import { ExperimentPool } from "./live/experimentPool.ts";
import { Rooms, type SessionLimits } from "./live/rooms.ts";
import { nicknamePolicy } from "./security/nicknamePolicy.ts";
import { JoinGuard } from "./socket/joinGuard.ts";
import { HandshakePacer } from "./socket/handshakePacer.ts";
import { registerSocketHandlers, type HandlerDeps } from "./socket/handlers.ts";
import { Presence } from "./socket/presence.ts";
import type { Redis } from "ioredis";
import { ClusterSessionOps } from "./cluster/clusterOps.ts";
import { ClusterPresence } from "./cluster/clusterPresence.ts";
import { DEFAULT_TIMING, SessionOwnership, type OwnershipTiming } from "./cluster/ownership.ts";
import { redisStreamsAdapter } from "./cluster/redis.ts";
import { localSessionOps } from "./live/sessionOps.ts";
import { socketTeacher } from "./socket/socketTeacher.ts";
import { socketTransport, stageRoom, studentsRoom, teachersRoom } from "./socket/transport.ts";
import type { LiveServer } from "./socket/types.ts";
import { mountPractice } from "./practice/mountPractice.ts";
import type { TestClock } from "./practice/practiceClock.ts";

export interface AppDeps {
  db: Database;
  log: Logger;
}

export interface AppOptions {
  publicUrl?: string;
  /** Expose the load harness's measurements (/api/bench/*). */
  bench?: boolean;
  /** Extra request handler for everything the API does not serve (the Next.js app). */
  fallback?: express.RequestHandler;
  experimentWorkers?: number;
  /** Signs teachers' sign-in cookies (main.ts persists one); tests get a random one. */
  authSecret?: string;
  /** Better Auth's per-address limit on sign-in / sign-up attempts. */
  authRateLimit?: boolean;
  /** TRUST_PROXY: which peers' X-Forwarded-* headers are believed (none by default). */
  trustProxy?: string;
  /** Serve Prometheus metrics at /metrics, behind this bearer token when one is given. */
  metrics?: { token?: string };
  /**
   * Scaled mode (REDIS_URL): one of several nodes sharing this PostgreSQL and this Redis.
   * Socket.IO runs on the Redis Streams adapter with connection state recovery; each live
   * session runs on one node at a time under a lease (cluster/ownership.ts).
   */
  cluster?: { redis: Redis; node: string; timing?: OwnershipTiming };
  /** Limits of the worker threads that check, preview and import lessons. */
  lessonWorkers?: LessonWorkerOptions;
  /** Who may create a teacher account (TEACHER_SIGNUP); default: anyone. */
  signup?: SignupPolicy;
  /** Live sessions per teacher and the idle time after which a class is ended. */
  sessionLimits?: Partial<SessionLimits>;
  /** The web app runs in Next's dev mode (its CSP then allows eval). */
  webDev?: boolean;
  /** The rooms' clock (tests move it forward to make classes idle). */
  now?: () => number;
  /** A clock tests move forward (LIVELAB_TEST_CLOCK=1): the server's `now`, and POST /api/test/clock. */
  testClock?: TestClock;
}

export interface LiveLabApp {
  http: HttpServer;
  io: LiveServer;
  rooms: Rooms;
  auth: Auth;
  experiments: ExperimentPool;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * Build the server: Express for HTTP, Socket.IO on the same port, rooms rebuilt from the
 * database. Dependencies come in (the database is opened and migrated by the caller), so
 * tests start it on port 0 against PGlite or PostgreSQL.
 */
export async function createApp(deps: AppDeps, options: AppOptions = {}): Promise<LiveLabApp> {
  if (options.testClock) options = { ...options, now: options.testClock.now };
  const experiments = new ExperimentPool(options.experimentWorkers);
  let port = 0;
  const url = () => publicUrl(options.publicUrl, port);
  const auth = createAuth({
    prisma: deps.db.prisma, secret: options.authSecret ?? randomBytes(32).toString("base64url"), publicUrl: options.publicUrl,
    rateLimit: options.authRateLimit, signInLimits: new SignInLimits(), signup: options.signup, log: deps.log,
  });
  const trust = compileTrustProxy(options.trustProxy);
  const app = express();
  app.disable("x-powered-by");
  // req.ip, req.protocol, req.secure and req.hostname believe X-Forwarded-* only from TRUST_PROXY's proxies.
  app.set("trust proxy", trust);
  app.use(requestLog(deps.log, trust));
  // Every response: CSP (with a per-response nonce Next.js picks up), no framing, nosniff, referrer policy.
  app.use(securityHeaders({ dev: options.webDev }));
  app.use(secureCookiesOverHttps(servedOverHttps(options.publicUrl)));
  // A request that changes something must come from a page of this server (or PUBLIC_URL).
  app.use("/api", sameOriginOnly(options.publicUrl));
  // Better Auth reads its own bodies, so it is mounted before the JSON parser. It learns the
  // client's address (for its rate limits) from this server, never from the client's headers.
  app.all("/api/auth/{*rest}", (req, _res, next) => {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trust);
    next();
  }, toNodeHandler(auth));
  // Lesson files are larger than the API's other bodies: their routes parse their own, first.
  const lessonStore = new LessonStore(deps.db);
  const library = new LessonLibrary(lessonStore);
  const lessonWorkers = new LessonWorkers(options.lessonWorkers);
  app.use(lessonRouter({ auth, library, store: lessonStore, workers: lessonWorkers, log: deps.log, publicUrl: url }));
  // JSON bodies for the API only; everything else (the Next.js app) gets the raw request.
  app.use("/api", express.json({ limit: "64kb" }));
  const http = createServer(app);
  const cluster = options.cluster;
  const io: LiveServer = new Server(http, {
    // Socket.IO's transport cap; each event is further limited to MAX_PAYLOAD_BYTES with a typed error.
    maxHttpBufferSize: MAX_PAYLOAD_BYTES * 4,
    pingInterval: 20_000,
    pingTimeout: 25_000,
    // A reconnect storm is accepted a few dozen handshakes per event-loop turn.
    allowRequest: new HandshakePacer().allowRequest,
    serveClient: false,
    ...(cluster ? { adapter: redisStreamsAdapter(cluster.redis), connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 } } : {}),
  });
  const presence = cluster ? new ClusterPresence(cluster.node) : new Presence();
  const store = new PrismaRoomStore(deps.db);
  const rooms = new Rooms({
    store, experiments, log: deps.log, nicknamePolicy, limits: options.sessionLimits, now: options.now,
    transportFor: (sessionId) => socketTransport(io, presence, sessionId),
    lease: cluster ? { node: cluster.node, ttlMs: (cluster.timing ?? DEFAULT_TIMING).ttlMs } : undefined,
  });
  const reports = new ReportStore(deps.db);
  // Classes (rosters) and practice after class: their routes, and who a roster student's socket is.
  const practice = mountPractice(app, {
    db: deps.db, auth, rooms, reports, library, log: deps.log, publicUrl: url, now: options.now ?? Date.now, testClock: options.testClock,
    clientAddress: (req) => clientAddress(req, trust),
    sessionOps: () => handlerDeps.ops,
  });
  let clusterOps: ClusterSessionOps | null = null;
  let ownership: SessionOwnership | null = null;
  if (cluster) {
    ownership = new SessionOwnership({ store, rooms, node: cluster.node, log: deps.log, timing: cluster.timing, onAdopted: (room) => void clusterOps?.reconcile([room.id]) });
    clusterOps = new ClusterSessionOps({ io, rooms, store, ownership, presence: presence as ClusterPresence, log: deps.log, roster: practice.rosterSeats });
  }
  const handlerDeps: HandlerDeps = {
    io, ops: clusterOps ?? localSessionOps(rooms, practice.rosterSeats), log: deps.log, presence, joinGuard: new JoinGuard(),
    clientAddress: (req) => clientAddress(req, trust),
    teacherOf: socketTeacher(auth), publicUrl: url, roster: practice.rosterSeats,
  };
  app.use(apiRouter({ db: deps.db, publicUrl: url }));
  app.use(teacherRouter({
    auth, rooms, reports, library, log: deps.log, publicUrl: url,
    onDeleted: (id) => {
      io.in(studentsRoom(id)).disconnectSockets(true);
      io.in(teachersRoom(id)).disconnectSockets(true);
      io.in(stageRoom(id)).disconnectSockets(true);
    },
  }));
  // My sessions and reports are pages for signed-in teachers: anonymous visitors sign in first.
  app.use(redirectAnonymous(auth, (path) => path === "/teach" || path === "/teach/" || path.startsWith("/teach/reports/") || path.startsWith("/teach/lessons/") || path.startsWith("/teach/classes")));
  if (options.bench) app.use(benchRouter(deps.db));
  if (options.metrics) app.use(metricsRouter({ io, rooms, store, db: deps.db, token: options.metrics.token }));
  if (options.fallback) app.use(options.fallback);
  app.use((_req, res) => { res.status(404).json(fail(ERROR_CODES.NOT_FOUND, "not found")); });
  registerSocketHandlers(handlerDeps);

  if (cluster) {
    // Sessions are taken as their leases allow, not all at once: other nodes may run them.
    clusterOps!.listen();
    ownership!.start();
  } else await rooms.restore();
  // Each node ends its own idle classes.
  rooms.startIdleSweep();

  return {
    http, io, rooms, auth, experiments,
    listen: (p, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(p, host, () => {
          port = (http.address() as AddressInfo).port;
          resolve({ port, url: url() });
        });
      }),
    async close() {
      if (cluster) {
        // Hand the sessions over (leases released), then close the connections without saying
        // goodbye: the phones reconnect through the balancer to another node and Socket.IO
        // recovers their state there (io.disconnectSockets would reach every node's sockets).
        clusterOps!.stop();
        await ownership!.stop();
      }
      for (const room of rooms.all()) await room.flush().catch(() => {});
      rooms.closeAll();
      if (!cluster) io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await experiments.close();
      await lessonWorkers.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
