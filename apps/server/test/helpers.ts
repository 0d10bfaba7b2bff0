import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import pg from "pg";
import type { Ack, AckData, ClientEventName, ClientEvents, ClientPayload, ServerEventName, ServerEvents, ServerPayload } from "@livelab/core/protocol";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { createApp, type AppOptions, type LiveLabApp } from "../src/app.ts";
import { openDatabase, type Database } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { signUpTeacher } from "./teacherClient.ts";

/**
 * Test support: real servers on port 0, real databases (PGlite in a temp folder, or a fresh
 * database on the PostgreSQL at TEST_DATABASE_URL), real socket.io-clients.
 */

export type Backend = "pglite" | "postgres";

/** PGlite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it, and fails without it). */
export function backends(): Backend[] {
  if (process.env.TEST_DATABASE_URL) return ["pglite", "postgres"];
  if (process.env.CI === "true") throw new Error("CI must provide TEST_DATABASE_URL (see .ci/run)");
  console.warn("TEST_DATABASE_URL not set: integration tests run on PGlite only");
  return ["pglite"];
}

export interface TestDatabase {
  backend: Backend;
  /** Where the data is: a PGlite folder or a PostgreSQL URL. */
  location: { dataDir: string } | { url: string };
  /** Open a new handle on the same data (as a restarted server would). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

let dbCounter = 0;

export async function testDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "livelab-pglite-"));
    return { backend, location: { dataDir: dir }, open: () => openDatabase({ dataDir: dir }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `livelab_test_${process.pid}_${Date.now()}_${dbCounter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    backend,
    location: { url: url.toString() },
    open: () => openDatabase({ url: url.toString() }),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface RunningServer {
  app: LiveLabApp;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * A fresh database and server for one test file (or describe block): started before its
 * tests, stopped and dropped after. `ctx.server` may be replaced (a restart test does).
 */
export function serverPerSuite(backend: Backend, options: AppOptions = {}): { tdb: TestDatabase; server: RunningServer } {
  const ctx = {} as { tdb: TestDatabase; server: RunningServer };
  beforeAll(async () => {
    ctx.tdb = await testDatabase(backend);
    ctx.server = await startServer(ctx.tdb, options);
  });
  afterAll(async () => {
    await ctx.server?.stop();
    await ctx.tdb?.drop();
  });
  return ctx;
}

/** What an afterAll does: close the clients, stop the server, drop its database. */
export async function tearDown(server: RunningServer | undefined, tdb: TestDatabase | undefined, clients: (Client | undefined)[]): Promise<void> {
  for (const c of clients) c?.close();
  await server?.stop();
  await tdb?.drop();
}

export async function startServer(tdb: TestDatabase, options: AppOptions & { log?: Logger } = {}): Promise<RunningServer> {
  const db = await tdb.open();
  await migrate(db);
  const { log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), ...appOptions } = options;
  const app = await createApp({ db, log }, { publicUrl: "http://livelab.test", experimentWorkers: 1, ...appOptions });
  const { port } = await app.listen(0, "127.0.0.1");
  return {
    app, db, url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}

export { signInTeacher, signUpTeacher, teacherClient, type TeacherClient } from "./teacherClient.ts";

/** Start a session as a newly signed-up teacher (sessions need an owner). */
export async function createSession(url: string): Promise<{ sessionId: string; code: string; hostSecret: string; joinUrl: string }> {
  return (await signUpTeacher(url)).createSession();
}

/** A socket.io client that records every event it receives, typed by the protocol's event maps. */
export interface Client {
  socket: Socket<ServerEvents, ClientEvents>;
  received: { event: string; payload: unknown }[];
  /** Send a protocol event with its payload; resolves with the typed acknowledgement. */
  call<E extends ClientEventName>(event: E, payload?: ClientPayload<E>, timeoutMs?: number): Promise<Ack<AckData[E]>>;
  /** Send anything at all (hostile and fuzz tests): the server must answer with a typed error. */
  callRaw(event: string, payload?: unknown, timeoutMs?: number): Promise<Ack<unknown>>;
  next<E extends ServerEventName>(event: E, timeoutMs?: number, where?: (p: ServerPayload<E>) => boolean): Promise<ServerPayload<E>>;
  /** Like next, but an event already received (and matching) counts too. */
  waitFor<E extends ServerEventName>(event: E, where: (p: ServerPayload<E>) => boolean, timeoutMs?: number): Promise<ServerPayload<E>>;
  close(): void;
}

/** A new connection; `cookie` sends a teacher's sign-in cookie with the handshake, as a browser on the same origin does. */
export async function connect(url: string, o: { cookie?: string } = {}): Promise<Client> {
  const socket: Socket<ServerEvents, ClientEvents> = ioClient(url, { transports: ["websocket"], reconnection: false, forceNew: true, ...(o.cookie ? { extraHeaders: { cookie: o.cookie } } : {}) });
  const received: Client["received"] = [];
  const waiters: { event: string; where?: (p: never) => boolean; resolve: (p: unknown) => void }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload });
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.event === event && (!w.where || w.where(payload as never))) {
        waiters.splice(i, 1);
        w.resolve(payload);
      }
    }
  });
  const next = <T,>(event: string, timeoutMs = 20_000, where?: (p: T) => boolean): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({ event, where: where as never, resolve: (p) => { clearTimeout(timer); resolve(p as T); } });
    });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
  const callRaw = (event: string, payload?: unknown, timeoutMs = 20_000) =>
    new Promise<Ack<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event} within ${timeoutMs} ms`)), timeoutMs);
      const done = (r: Ack<unknown>) => { clearTimeout(timer); resolve(r); };
      if (payload === undefined) raw.emit(event, done);
      else raw.emit(event, payload, done);
    });
  return {
    socket,
    received,
    call: (event, payload, timeoutMs) => callRaw(event, payload, timeoutMs) as never,
    callRaw,
    next: (event, timeoutMs, where) => next(event, timeoutMs, where),
    waitFor(event, where, timeoutMs = 20_000) {
      const seen = [...received].reverse().find((m) => m.event === event && where(m.payload as never));
      if (seen) return Promise.resolve(seen.payload as never);
      return next(event, timeoutMs, where);
    },
    close: () => socket.disconnect(),
  };
}

export function expectOk<T>(r: Ack<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

let keyCounter = 0;
export const newKey = () => `key-${process.pid}-${Date.now()}-${keyCounter++}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read the per-student numbers out of a rendered prompt, as a student would ("$\\eta = 0.1$"). */
export function promptNumber(prompt: string, symbol: string): number {
  const m = new RegExp(`\\\\${symbol} = ([-0-9.e]+)`).exec(prompt);
  if (!m) throw new Error(`no ${symbol} in prompt: ${prompt}`);
  return Number(m[1]);
}

/** A new session with its teacher's connection attached as host. */
export async function hostedSession(url: string): Promise<{ session: Awaited<ReturnType<typeof createSession>>; teacher: Client }> {
  const session = await createSession(url);
  const teacher = await connect(url);
  expectOk(await teacher.call("host:attach", { sessionId: session.sessionId, hostSecret: session.hostSecret }));
  return { session, teacher };
}
