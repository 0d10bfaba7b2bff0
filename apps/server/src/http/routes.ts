import express, { type Router } from "express";
import { builtInLesson } from "@livelab/core/lesson";
import { PROTOCOL_VERSION } from "@livelab/core/protocol";
import type { SessionStore } from "../db/store.ts";

export const VERSION = "0.1.0";

/**
 * The public HTTP API: health, lessons, server info. What needs a teacher account is in
 * teacherRoutes.ts. Errors are `{ ok: false, error: { code, message } }`.
 */
export function apiRouter(deps: { store: SessionStore; publicUrl: () => string }): Router {
  const r = express.Router();

  r.get("/healthz", async (_req, res) => {
    const db = await deps.store.ping();
    res.status(db ? 200 : 503).json({ ok: db, db: db ? "up" : "down", version: VERSION, protocol: PROTOCOL_VERSION, database: deps.store.db.kind, uptimeSec: Math.round(process.uptime()) });
  });

  r.get("/api/lessons", (_req, res) => {
    const l = builtInLesson();
    res.json({ ok: true, data: [{ id: l.id, title: l.title, summary: l.summary, activities: l.activities.length }] });
  });

  r.get("/api/info", (_req, res) => {
    res.json({ ok: true, data: { publicUrl: deps.publicUrl(), version: VERSION, protocol: PROTOCOL_VERSION } });
  });

  return r;
}
