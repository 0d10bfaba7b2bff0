import express, { type Router } from "express";
import { PROTOCOL_VERSION } from "@livelab/core/protocol";
import type { Database } from "../db/database.ts";

export const VERSION = "0.1.0";

/**
 * The public HTTP API: health, server info. What needs a teacher account is in
 * teacherRoutes.ts. Errors are `{ ok: false, error: { code, message } }`.
 */
export function apiRouter(deps: { db: Database; publicUrl: () => string }): Router {
  const r = express.Router();

  r.get("/healthz", async (_req, res) => {
    const db = await deps.db.query("SELECT 1").then(() => true, () => false);
    res.status(db ? 200 : 503).json({ ok: db, db: db ? "up" : "down", version: VERSION, protocol: PROTOCOL_VERSION, database: deps.db.kind, uptimeSec: Math.round(process.uptime()) });
  });

  r.get("/api/info", (_req, res) => {
    res.json({ ok: true, data: { publicUrl: deps.publicUrl(), version: VERSION, protocol: PROTOCOL_VERSION } });
  });

  return r;
}
