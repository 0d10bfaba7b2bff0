import { timingSafeEqual } from "node:crypto";
import { ERROR_CODES, fail } from "@livelab/core/protocol";
import express, { type Router } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/database.ts";
import type { PrismaRoomStore } from "../db/prismaRoomStore.ts";
import type { Rooms } from "../live/rooms.ts";
import type { LiveServer } from "../socket/types.ts";

/**
 * GET /metrics in Prometheus' text format (prom-client), when METRICS=1: Node's own process
 * metrics (CPU, memory, GC, event-loop delay as nodejs_eventloop_lag_*), and LiveLab's —
 * connected sockets, live sessions, answers stored (answers/s is
 * `rate(livelab_answers_stored_total[1m])`), the time of each hot database write, and a
 * database round trip timed at every scrape. With METRICS_TOKEN, a scraper must send
 * `Authorization: Bearer <token>`; without it, keep /metrics away from the internet at the proxy.
 */
export function metricsRouter(o: { io: LiveServer; rooms: Rooms; store: PrismaRoomStore; db: Database; token?: string }): Router {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Gauge({
    name: "livelab_connected_sockets", help: "Socket.IO connections open now (students, teachers, projectors).", registers: [registry],
    collect() { this.set(o.io.engine.clientsCount); },
  });
  new Gauge({
    name: "livelab_live_sessions", help: "Class sessions held in memory that have not ended.", registers: [registry],
    collect() { this.set(o.rooms.all().filter((r) => r.state.status !== "ended").length); },
  });
  const stored = new Counter({ name: "livelab_answers_stored_total", help: "Answers committed to the database (each acknowledged answer once).", registers: [registry] });
  const joins = new Counter({ name: "livelab_joins_stored_total", help: "Students who joined a session (rows committed).", registers: [registry] });
  const writes = new Histogram({
    name: "livelab_database_write_seconds", help: "Time of each batched hot write (answers, joins, session events), commit included.",
    labelNames: ["what"] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  new Gauge({
    name: "livelab_database_ping_seconds", help: "Round trip of SELECT 1, timed at this scrape (-1 when the database did not answer).", registers: [registry],
    async collect() {
      const t0 = performance.now();
      const up = await o.db.query("SELECT 1").then(() => true, () => false);
      this.set(up ? (performance.now() - t0) / 1000 : -1);
    },
  });
  o.store.onWrite = (what, seconds, rows) => {
    writes.observe({ what }, seconds);
    if (what === "answers") stored.inc(rows);
    if (what === "joins") joins.inc(rows);
  };

  const r = express.Router();
  r.get("/metrics", async (req, res) => {
    if (o.token && !bearerMatches(req.get("authorization"), o.token)) {
      return void res.status(401).set("WWW-Authenticate", "Bearer").json(fail(ERROR_CODES.NOT_AUTHENTICATED, "metrics need the METRICS_TOKEN bearer token"));
    }
    res.set("Content-Type", registry.contentType).set("Cache-Control", "no-store").send(await registry.metrics());
  });
  return r;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
