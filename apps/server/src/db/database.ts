import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { lockDataDir } from "./dataDirLock.ts";

/**
 * One database handle for the whole server: Prisma for queries, plus raw SQL for migrations.
 * Embedded PGlite (Postgres in WebAssembly, data in a folder) when no URL is given, a real
 * PostgreSQL through node-postgres otherwise. Only the server process opens it.
 */
export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Run SQL that may contain several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** A parameterized query returning rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openDatabase(opts: { url?: string; dataDir?: string; /** Who opens it (named when another process is refused). */ command?: string }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client's error (e.g. the server restarted) must not crash the process.
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "postgres",
      prisma,
      exec: async (sql) => { await pool.query(sql); },
      query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const dir = opts.dataDir ?? ".data";
  let client: PGlite;
  let unlock = async () => {};
  if (dir === ":memory:") client = new PGlite();
  else {
    mkdirSync(dir, { recursive: true });
    // One process at a time (dataDirLock.ts): a second opener is refused with a clear message.
    unlock = await lockDataDir(dir, opts.command ?? "LiveLab", (e) => {
      // Another process removed or took over the lock (or this one stalled for 10 s): say so, keep serving.
      console.error(`warning: the lock on the data folder ${dir} was lost (${e.message}); make sure no other LiveLab process opens it`);
    });
    client = new PGlite(dir);
  }
  await client.waitReady.catch(async (e: unknown) => {
    await unlock();
    throw e;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    kind: "pglite",
    prisma,
    exec: async (sql) => { await client.exec(sql); },
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows as never,
    close: async () => {
      await prisma.$disconnect();
      await client.close();
      await unlock();
    },
  };
}
