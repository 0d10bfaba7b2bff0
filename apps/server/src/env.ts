import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The LiveLab folder (the repository root; /app in the image). A relative DATA_DIR is relative to it. */
export const LIVELAB_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * The server's configuration, validated once. Nothing else in the server reads process.env.
 * See .env.example at the repository root.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Real PostgreSQL; without it LiveLab uses embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * PGlite's database and the generated sign-in key. Relative to the LiveLab folder, whatever
   * folder a command runs in: `npm start`, `npm run db:seed` (which npm runs inside
   * apps/server) and `npm run db:backup` all use the same one.
   */
  DATA_DIR: z.string().default(".data").transform((d) => (d === ":memory:" || isAbsolute(d) ? d : resolve(LIVELAB_ROOT, d))),
  /**
   * Scaled mode: several LiveLab nodes behind a load balancer share this Redis (Socket.IO's
   * Redis Streams adapter) and one PostgreSQL (DATABASE_URL is then required). Unset: one node.
   */
  REDIS_URL: z.string().url().refine((u) => /^rediss?:/.test(u), "REDIS_URL must be a redis:// or rediss:// URL").optional(),
  /** This node's name in session leases and logs (scaled mode). Default: host name, process id and a random suffix. */
  NODE_ID: z.string().trim().min(1).max(100).optional(),
  /** The URL phones use to reach this server (join links and QR codes). Default: the LAN address. */
  PUBLIC_URL: z.string().url().refine((u) => /^https?:/.test(u), "PUBLIC_URL must be an http:// or https:// URL").optional(),
  /**
   * Which peers are proxies whose X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host are
   * believed (Express's "trust proxy" values): unset trusts nobody, so a client cannot pick
   * its own address for the rate limits. "loopback" for a proxy on this machine, a list of
   * addresses or subnets ("10.0.0.2, 172.16.0.0/12"), or a number of proxy hops.
   */
  TRUST_PROXY: z.string().trim().optional(),
  /** Serve Prometheus metrics at /metrics (off unless set to 1). */
  METRICS: z.enum(["0", "1"]).default("0"),
  /** If set, /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** Signs teachers' sign-in cookies (32+ characters). Default: generated once into DATA_DIR/auth-secret. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** Who may create a teacher account: open (default), closed, or a list like "@school.edu,ms.rivera@gmail.com". */
  TEACHER_SIGNUP: z.string().default("open"),
  /** Classes one teacher may have running at once (not ended). */
  MAX_LIVE_SESSIONS_PER_TEACHER: z.coerce.number().int().min(1).max(10_000).default(20),
  /** A class with no teacher command and no student activity for this many hours is ended. */
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 365).default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The web app: built Next.js (prod), Next's dev server (dev), or none (off: API and sockets only). */
  LIVELAB_WEB: z.enum(["prod", "dev", "off"]).default("prod"),
  /** Expose /api/bench/metrics (memory, event-loop delay, stored answers) for `npm run bench`. Never in production. */
  LIVELAB_BENCH: z.enum(["0", "1"]).default("0"),
  /** Browser tests only: a server clock they move forward (POST /api/test/clock) to make practice reviews fall due. Never in production. */
  LIVELAB_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join("\n")}`);
  }
  if (parsed.data.REDIS_URL && !parsed.data.DATABASE_URL) {
    throw new Error("invalid environment:\n  REDIS_URL: several nodes need one shared PostgreSQL; set DATABASE_URL too (the embedded database is for one node)");
  }
  if (parsed.data.REDIS_URL && !parsed.data.AUTH_SECRET) {
    throw new Error("invalid environment:\n  REDIS_URL: set AUTH_SECRET too, the same on every node (each node must accept the sign-in cookies the others issue)");
  }
  return parsed.data;
}
