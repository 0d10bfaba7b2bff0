import express, { type Router } from "express";
import { builtInLesson } from "@livelab/core/lesson";
import { CreateSessionSchema, ERROR_CODES, PROTOCOL_VERSION } from "@livelab/core/protocol";
import type { Logger } from "pino";
import type { SessionStore } from "../db/store.ts";
import { lessonById, type Rooms } from "../live/rooms.ts";

export const VERSION = "0.1.0";

/** The HTTP API: health, lessons, creating a session. Errors are `{ ok: false, error: { code, message } }`. */
export function apiRouter(deps: { rooms: Rooms; store: SessionStore; log: Logger; publicUrl: () => string; onRoom: (id: string) => void }): Router {
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

  r.post("/api/sessions", async (req, res) => {
    const parsed = CreateSessionSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ ok: false, error: { code: ERROR_CODES.BAD_REQUEST, message: parsed.error.issues[0].message } });
    const lesson = lessonById(parsed.data.lessonId ?? builtInLesson().id);
    if (!lesson) return void res.status(404).json({ ok: false, error: { code: ERROR_CODES.BAD_REQUEST, message: "unknown lesson" } });
    try {
      const { room, hostSecret } = await deps.rooms.create(lesson);
      deps.onRoom(room.id);
      res.status(201).json({ ok: true, data: { sessionId: room.id, code: room.code, hostSecret, joinUrl: `${deps.publicUrl()}/join/${room.code}` } });
    } catch (e) {
      deps.log.error({ err: e }, "could not create a session");
      res.status(503).json({ ok: false, error: { code: ERROR_CODES.STORAGE_UNAVAILABLE, message: "the database is unavailable" } });
    }
  });

  return r;
}
