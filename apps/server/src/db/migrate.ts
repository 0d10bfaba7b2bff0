import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../../prisma/migrations", import.meta.url));

/**
 * Apply the committed SQL migrations (prisma/migrations/<name>/migration.sql) that have not
 * run yet, each in its own transaction, recording them in Prisma's own `_prisma_migrations`
 * table with Prisma's checksum (SHA-256 of the file). So the same folder works with this
 * runner (on PGlite and Postgres, offline) and with `prisma migrate deploy` where Prisma's
 * schema engine is available: each sees the other's work as applied.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  if (db.kind === "postgres") await db.exec("SELECT pg_advisory_lock(727274)"); // one migrator at a time
  try {
    const done = new Set(
      (await db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`))
        .map((r) => r.migration_name),
    );
    const names = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      await db.exec(`BEGIN;\n${sql}\nCOMMIT;`).catch(async (e) => {
        await db.exec("ROLLBACK").catch(() => {});
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      });
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), checksum, name],
      );
      applied.push(name);
    }
    return applied;
  } finally {
    if (db.kind === "postgres") await db.exec("SELECT pg_advisory_unlock(727274)");
  }
}
