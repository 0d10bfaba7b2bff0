import express, { type Response, type Router } from "express";
import { builtInLesson } from "@livelab/core/lesson";
import { CreateSessionSchema, ERROR_CODES, fail } from "@livelab/core/protocol";
import type { Logger } from "pino";
import type { Auth } from "../auth/auth.ts";
import { requireTeacher, type Teacher } from "../auth/teacher.ts";
import type { ReportStore } from "../db/reportStore.ts";
import { SessionLimitReached, type Rooms } from "../live/rooms.ts";
import type { LessonLibrary } from "../lessons/lessonLibrary.ts";
import { reportRouter } from "./reportRoutes.ts";

export interface TeacherRouteDeps {
  auth: Auth;
  rooms: Rooms;
  reports: ReportStore;
  library: LessonLibrary;
  log: Logger;
  publicUrl: () => string;
  /** A session was deleted: drop its sockets. */
  onDeleted: (id: string) => void;
}

/** The teacher `requireTeacher` put on the response. */
const teacherIn = (res: Response) => res.locals.teacher as Teacher;
const notFound = (res: Response) => res.status(404).json(fail(ERROR_CODES.SESSION_NOT_FOUND, "no such session"));
const unavailable = (res: Response) => res.status(503).json(fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable"));

/**
 * What needs a signed-in teacher: starting a session (it becomes theirs), the list of their
 * sessions, deleting a session; reports and exports are reportRoutes.ts. Another teacher's
 * session answers 404 exactly like a session that does not exist.
 */
export function teacherRouter(deps: TeacherRouteDeps): Router {
  const r = express.Router();
  const signedIn = requireTeacher(deps.auth);

  r.get("/api/me", signedIn, (_req, res) => {
    res.json({ ok: true, data: teacherIn(res) });
  });

  r.post("/api/sessions", signedIn, async (req, res) => {
    const parsed = CreateSessionSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json(fail(ERROR_CODES.BAD_REQUEST, parsed.error.issues[0].message));
    try {
      // A built-in lesson, or the newest published version of the teacher's own (never another teacher's).
      const found = await deps.library.forStart(parsed.data.lessonId ?? builtInLesson().id, teacherIn(res).id);
      if (!found.ok && found.reason === "not-found") return void res.status(404).json(fail(ERROR_CODES.LESSON_NOT_FOUND, "no such lesson"));
      if (!found.ok) return void res.status(409).json(fail(ERROR_CODES.LESSON_NOT_PUBLISHED, "publish this lesson before starting a class with it"));
      const { room, hostSecret } = await deps.rooms.create(found.lesson, teacherIn(res).id, { lessonId: found.lessonId, lessonVersionId: found.versionId });
      req.log.info({ session: room.id, teacher: teacherIn(res).id }, "session started");
      res.status(201).json({ ok: true, data: { sessionId: room.id, code: room.code, hostSecret, joinUrl: `${deps.publicUrl()}/join/${room.code}` } });
    } catch (e) {
      if (e instanceof SessionLimitReached) return void res.status(409).json(fail(ERROR_CODES.SESSION_LIMIT, e.message));
      req.log.error({ err: e }, "could not create a session");
      unavailable(res);
    }
  });

  r.get("/api/sessions", signedIn, async (req, res) => {
    try {
      res.json({ ok: true, data: await deps.reports.listSessions(teacherIn(res).id) });
    } catch (e) {
      req.log.error({ err: e }, "could not list sessions");
      unavailable(res);
    }
  });

  // The console's header names the class a session was run for (the live state does not carry it).
  r.get("/api/sessions/:id/class", signedIn, async (req, res) => {
    try {
      const classroom = await deps.reports.ownedSessionClass(String(req.params.id), teacherIn(res).id);
      if (classroom === undefined) return void notFound(res);
      res.json({ ok: true, data: { classroom } });
    } catch (e) {
      req.log.error({ err: e }, "could not read a session's class");
      unavailable(res);
    }
  });

  r.use(reportRouter({ reports: deps.reports, log: deps.log }, signedIn));

  r.delete("/api/sessions/:id", signedIn, async (req, res) => {
    const id = String(req.params.id);
    try {
      const status = await deps.reports.ownedStatus(id, teacherIn(res).id);
      if (status === null) return void notFound(res);
      // A class still running is ended first, so phones see "ended" rather than silence.
      const room = deps.rooms.get(id);
      if (room) {
        if (status !== "ended") await room.command({ type: "end" }).catch(() => undefined);
        await room.flush().catch(() => undefined);
        deps.rooms.remove(room);
        deps.onDeleted(id);
      }
      await deps.reports.deleteOwned(id, teacherIn(res).id);
      res.json({ ok: true, data: { deleted: id } });
    } catch (e) {
      req.log.error({ err: e }, "could not delete a session");
      unavailable(res);
    }
  });

  return r;
}
