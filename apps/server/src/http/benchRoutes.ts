import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import express, { type Router } from "express";
import type { Database } from "../db/database.ts";

/**
 * Measurements for the load harness (`npm run bench`), only when LIVELAB_BENCH=1: the server's
 * memory (after a full GC with ?gc=1), its largest event-loop delay since the last reset, and what the database holds for a
 * session (answers stored, and any stored twice).
 */
export function benchRouter(db: Database): Router {
  const r = express.Router();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The longest garbage-collection pause since the last reset: tells a GC stall from a busy loop.
  let gcMaxMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  r.post("/api/bench/reset", (_req, res) => {
    loop.reset();
    gcMaxMs = 0;
    res.json({ ok: true });
  });
  r.get("/api/bench/metrics", async (req, res) => {
    const eventLoopMaxMs = loop.max / 1e6;
    const eventLoopP99Ms = loop.percentile(99) / 1e6;
    const gcMaxPauseMs = gcMaxMs;
    // ?gc=1 (server started with --expose-gc): measure what is retained, not garbage awaiting collection.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (req.query.gc === "1" && gc) {
      gc();
      gc();
    }
    const mem = process.memoryUsage();
    const session = typeof req.query.session === "string" ? req.query.session : null;
    let responses = 0;
    let duplicates = 0;
    if (session) {
      const rows = await db.query<{ n: number; d: number }>(
        `SELECT count(*)::int AS n, (count(*) - count(DISTINCT ("participantId", "questionId", "idempotencyKey")))::int AS d FROM "Response" WHERE "sessionId" = $1`,
        [session],
      );
      responses = rows[0]?.n ?? 0;
      duplicates = rows[0]?.d ?? 0;
    }
    res.json({ ok: true, data: { rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, eventLoopMaxMs, eventLoopP99Ms, gcMaxPauseMs, responses, duplicates } });
  });
  return r;
}
