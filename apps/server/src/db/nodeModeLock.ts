import pg from "pg";

/** Any fixed number: the PostgreSQL advisory lock that says how LiveLab processes share this database. */
const LOCK_KEY = 7_431_906_114;

export class NodeModeConflictError extends Error {}

/**
 * One PostgreSQL database is run either by one single-node LiveLab (no REDIS_URL: it runs every
 * class itself) or by the nodes of one cluster (REDIS_URL: each class on one node under a
 * lease) — never both, and never two single nodes, which would both run every class and write
 * over each other (e.g. `docker compose up --scale app=3` without the scale profile). A single
 * node holds an exclusive advisory lock for as long as it runs; cluster nodes hold it shared.
 * The lock lives on its own connection; it is released when the process ends or calls the
 * returned function.
 */
export async function lockNodeMode(url: string, mode: "single" | "scaled"): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  // The lock connection dropping (a database restart) must not crash the server.
  client.on("error", () => {});
  await client.connect();
  const fn = mode === "single" ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
  const { rows } = await client.query<{ locked: boolean }>(`SELECT ${fn}($1) AS locked`, [LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end().catch(() => {});
    throw new NodeModeConflictError(mode === "single"
      ? "another LiveLab process already runs on this database. To run several, set REDIS_URL (and the same AUTH_SECRET) on every one of them (docs/DEPLOY.md, \"Several nodes\")."
      : "a single-node LiveLab (without REDIS_URL) runs on this database; stop it, or give it REDIS_URL too, before starting nodes of a cluster.");
  }
  return async () => {
    await client.end().catch(() => {});
  };
}
