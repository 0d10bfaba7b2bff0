import express, { type Response, type Router } from "express";
import { builtInLesson } from "@livelab/core/lesson";
import { builtInCourse } from "@livelab/core/practice";
import {
  AssignmentCreateSchema, ClassroomCreateSchema, ClassroomUpdateSchema, ClassSessionCreateSchema, ERROR_CODES, fail, StudentMergeSchema, StudentRenameSchema,
  type ClassroomDetail,
} from "@livelab/core/protocol";
import { buildReport } from "@livelab/core/report";
import { normalizeNickname } from "@livelab/core/session";
import type { Logger } from "pino";
import type { Teacher } from "../auth/teacher.ts";
import type { PracticeStore } from "../db/practiceStore.ts";
import type { ReportStore } from "../db/reportStore.ts";
import { isUniqueViolation } from "../db/roomStore.ts";
import { NameTaken, type RosterStore } from "../db/rosterStore.ts";
import type { LessonLibrary } from "../lessons/lessonLibrary.ts";
import { SessionLimitReached, type Rooms } from "../live/rooms.ts";
import type { SessionOps } from "../live/sessionOps.ts";
import type { ClassView } from "../practice/classView.ts";
import { hashPin, newClassCode, newPin } from "../security/pins.ts";
import { newId } from "../security/tokens.ts";
import { masteryCsv } from "./practiceCsv.ts";

export interface ClassRouteDeps {
  roster: RosterStore;
  practice: PracticeStore;
  view: ClassView;
  reports: ReportStore;
  rooms: Rooms;
  /** Session operations that reach a class on another node (several nodes). */
  sessionOps: () => SessionOps;
  library: LessonLibrary;
  log: Logger;
  publicUrl: () => string;
  now: () => number;
}

const teacherIn = (res: Response) => res.locals.teacher as Teacher;
const notFound = (res: Response) => res.status(404).json(fail(ERROR_CODES.CLASS_NOT_FOUND, "no such class"));
const noStudent = (res: Response) => res.status(404).json(fail(ERROR_CODES.STUDENT_NOT_FOUND, "no such student in this class"));
const badRequest = (res: Response, message: string) => res.status(400).json(fail(ERROR_CODES.BAD_REQUEST, message));

/**
 * A teacher's classes (rosters) and their practice (mounted behind `requireTeacher`): create and
 * list classes, manage the roster (rename, reset a PIN, merge two entries, remove a student and
 * everything of theirs), run a live class for a class, assignments, the mastery grid with its
 * evidence and CSV, and practice suggested by a report. Another teacher's class answers 404.
 */
export function classRouter(deps: ClassRouteDeps, signedIn: express.RequestHandler): Router {
  const r = express.Router();
  const failed = (res: Response, what: string) => (e: unknown) => {
    (res.req.log ?? deps.log).error({ err: e }, `could not ${what}`);
    if (!res.headersSent) res.status(503).json(fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; nothing was changed"));
  };
  /** The class in :id if the signed-in teacher owns it (else 404 sent, null). */
  const owned = async (req: express.Request, res: Response) => {
    const c = await deps.roster.ownedClassroom(String(req.params.id), teacherIn(res).id);
    if (!c) notFound(res);
    return c;
  };
  const courseSkills = () => new Set(builtInCourse().course.nodes.flatMap((n) => n.skills));

  r.get("/api/classes", signedIn, async (_req, res) => {
    await deps.roster.listClassrooms(teacherIn(res).id).then((list) => res.json({ ok: true, data: list }), failed(res, "list classes"));
  });

  r.post("/api/classes", signedIn, async (req, res) => {
    const parsed = ClassroomCreateSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    try {
      for (let tries = 0; ; tries++) {
        const c = { id: newId(), teacherId: teacherIn(res).id, name: parsed.data.name, code: newClassCode(), joinOpen: true, courseId: builtInCourse().course.id };
        try {
          await deps.roster.createClassroom(c);
          return void res.status(201).json({ ok: true, data: { id: c.id, code: c.code } });
        } catch (e) {
          if (!isUniqueViolation(e) || tries >= 5) throw e;
        }
      }
    } catch (e) {
      failed(res, "create a class")(e);
    }
  });

  r.get("/api/classes/:id", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      const [roster, sessions, live] = await Promise.all([deps.roster.roster(c.id, deps.now()), deps.roster.sessionsOf(c.id), deps.practice.liveSessionOf(c.id)]);
      const detail: ClassroomDetail = {
        id: c.id, name: c.name, code: c.code, joinOpen: c.joinOpen, students: roster.length, createdAt: c.createdAt.toISOString(),
        live: live ? { sessionId: live.id, code: live.code } : null, joinUrl: `${deps.publicUrl()}/class/${c.code}`, roster, sessions,
      };
      res.json({ ok: true, data: detail });
    } catch (e) {
      failed(res, "load a class")(e);
    }
  });

  r.patch("/api/classes/:id", signedIn, async (req, res) => {
    const parsed = ClassroomUpdateSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    try {
      if (!(await deps.roster.updateClassroom(String(req.params.id), teacherIn(res).id, parsed.data))) return void notFound(res);
      res.json({ ok: true, data: { updated: true } });
    } catch (e) {
      failed(res, "change a class")(e);
    }
  });

  r.delete("/api/classes/:id", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      const students = await deps.roster.roster(c.id, deps.now());
      await leaveLiveRooms(deps, students.map((s) => s.id));
      await deps.roster.deleteClassroom(c.id, teacherIn(res).id);
      res.json({ ok: true, data: { deleted: c.id } });
    } catch (e) {
      failed(res, "delete a class")(e);
    }
  });

  // ---------------------------------------------------------------- the roster

  r.patch("/api/classes/:id/students/:sid", signedIn, async (req, res) => {
    const parsed = StudentRenameSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    const name = normalizeNickname(parsed.data.name);
    if (!name.ok) return void res.status(400).json(fail(ERROR_CODES.NICKNAME_INVALID, name.reason.replace("nickname", "name")));
    try {
      const c = await owned(req, res);
      if (!c) return;
      if (!(await deps.roster.ownedStudent(c.id, String(req.params.sid)))) return void noStudent(res);
      await deps.roster.rename(String(req.params.sid), name.nickname, name.key);
      res.json({ ok: true, data: { name: name.nickname } });
    } catch (e) {
      if (e instanceof NameTaken) return void res.status(409).json(fail(ERROR_CODES.STUDENT_NAME_TAKEN, e.message));
      failed(res, "rename a student")(e);
    }
  });

  r.post("/api/classes/:id/students/:sid/reset-pin", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      if (!(await deps.roster.ownedStudent(c.id, String(req.params.sid)))) return void noStudent(res);
      // Shown to the teacher once; the student signs in with it (and may keep it).
      const pin = newPin();
      await deps.roster.resetPin(String(req.params.sid), await hashPin(pin));
      res.json({ ok: true, data: { pin } });
    } catch (e) {
      failed(res, "reset a PIN")(e);
    }
  });

  r.post("/api/classes/:id/students/:sid/merge", signedIn, async (req, res) => {
    const parsed = StudentMergeSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    try {
      const c = await owned(req, res);
      if (!c) return;
      const from = String(req.params.sid);
      if (from === parsed.data.into) return void badRequest(res, "pick another student to merge into");
      const [a, b] = await Promise.all([deps.roster.ownedStudent(c.id, from), deps.roster.ownedStudent(c.id, parsed.data.into)]);
      if (!a || !b) return void noStudent(res);
      await deps.roster.merge(from, parsed.data.into);
      res.json({ ok: true, data: { merged: from, into: parsed.data.into } });
    } catch (e) {
      failed(res, "merge two students")(e);
    }
  });

  r.delete("/api/classes/:id/students/:sid", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      const sid = String(req.params.sid);
      if (!(await deps.roster.ownedStudent(c.id, sid))) return void noStudent(res);
      await leaveLiveRooms(deps, [sid]);
      await deps.roster.deleteStudents([sid]);
      res.json({ ok: true, data: { deleted: sid } });
    } catch (e) {
      failed(res, "delete a student")(e);
    }
  });

  // ---------------------------------------------------------------- live classes for a class

  r.post("/api/classes/:id/sessions", signedIn, async (req, res) => {
    const parsed = ClassSessionCreateSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    try {
      const c = await owned(req, res);
      if (!c) return;
      const found = await deps.library.forStart(parsed.data.lessonId ?? builtInLesson().id, teacherIn(res).id);
      if (!found.ok && found.reason === "not-found") return void res.status(404).json(fail(ERROR_CODES.LESSON_NOT_FOUND, "no such lesson"));
      if (!found.ok) return void res.status(409).json(fail(ERROR_CODES.LESSON_NOT_PUBLISHED, "publish this lesson before starting a class with it"));
      const { room, hostSecret } = await deps.rooms.create(found.lesson, teacherIn(res).id, { lessonId: found.lessonId, lessonVersionId: found.versionId, classroomId: c.id });
      req.log?.info({ session: room.id, classroom: c.id }, "session started for a class");
      res.status(201).json({ ok: true, data: { sessionId: room.id, code: room.code, hostSecret, joinUrl: `${deps.publicUrl()}/join/${room.code}` } });
    } catch (e) {
      if (e instanceof SessionLimitReached) return void res.status(409).json(fail(ERROR_CODES.SESSION_LIMIT, e.message));
      failed(res, "start a class")(e);
    }
  });

  // ---------------------------------------------------------------- practice: grid, evidence, CSV, assignments

  r.get("/api/classes/:id/mastery", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      res.json({ ok: true, data: await deps.view.grid(c.id) });
    } catch (e) {
      failed(res, "build the mastery grid")(e);
    }
  });

  r.get("/api/classes/:id/students/:sid/evidence", signedIn, async (req, res) => {
    const skill = typeof req.query.skill === "string" ? req.query.skill : "";
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(skill)) return void badRequest(res, "name a skill: ?skill=…");
    try {
      const c = await owned(req, res);
      if (!c) return;
      if (!(await deps.roster.ownedStudent(c.id, String(req.params.sid)))) return void noStudent(res);
      res.json({ ok: true, data: await deps.view.evidence(String(req.params.sid), skill) });
    } catch (e) {
      failed(res, "load the evidence")(e);
    }
  });

  r.get("/api/classes/:id/export/mastery.csv", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      const csv = masteryCsv(await deps.view.grid(c.id));
      const file = `livelab-class-${c.code}-${new Date(deps.now()).toISOString().slice(0, 10)}-mastery.csv`;
      res.type("text/csv; charset=utf-8").attachment(file).send(csv);
    } catch (e) {
      failed(res, "export the mastery grid")(e);
    }
  });

  r.post("/api/classes/:id/assignments", signedIn, async (req, res) => {
    const parsed = AssignmentCreateSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void badRequest(res, parsed.error.issues[0].message);
    const known = courseSkills();
    const unknown = parsed.data.skills.filter((s) => !known.has(s));
    if (unknown.length) return void badRequest(res, `not a skill of the course: ${unknown.join(", ")}`);
    // "Now" is the server's: a due date already past would be an assignment nobody can finish in time.
    const now = deps.now();
    const dueAt = parsed.data.dueAt ? new Date(parsed.data.dueAt) : null;
    if (dueAt && dueAt.getTime() <= now) {
      return void res.status(400).json(fail(ERROR_CODES.DUE_DATE_PAST, "That due date is already past. Pick a later day, or leave it empty."));
    }
    try {
      const c = await owned(req, res);
      if (!c) return;
      const made = await deps.practice.createAssignmentOnce({
        id: newId(), classroomId: c.id, title: parsed.data.title, skills: [...new Set(parsed.data.skills)], dueAt, createdAt: new Date(now),
      });
      // The same work still open: not set twice; 200 and `existing` say it was already there.
      res.status(made.existing ? 200 : 201).json({ ok: true, data: made });
    } catch (e) {
      failed(res, "create an assignment")(e);
    }
  });

  r.delete("/api/classes/:id/assignments/:aid", signedIn, async (req, res) => {
    try {
      const c = await owned(req, res);
      if (!c) return;
      if (!(await deps.practice.deleteAssignment(c.id, String(req.params.aid)))) return void res.status(404).json(fail(ERROR_CODES.NOT_FOUND, "no such assignment"));
      res.json({ ok: true, data: { deleted: String(req.params.aid) } });
    } catch (e) {
      failed(res, "delete an assignment")(e);
    }
  });

  /**
   * "Assign practice on these skills", from a report's what-next: the skills of the questions
   * most of the class missed and of the most common named mistakes, the class it was run for,
   * and the teacher's classes to pick from otherwise.
   */
  r.get("/api/sessions/:id/practice-suggestion", signedIn, async (req, res) => {
    try {
      const owned = await deps.reports.loadOwned(String(req.params.id), teacherIn(res).id);
      if (!owned) return void res.status(404).json(fail(ERROR_CODES.SESSION_NOT_FOUND, "no such session"));
      const report = buildReport(owned.input);
      const templates = new Map(owned.input.lesson.activities.flatMap((a) => a.questions).map((q) => [q.id, q]));
      const questionIds = [...report.whatNext.missedQuestions.map((q) => q.questionId), ...report.whatNext.commonMistakes.map((m) => m.questionId)];
      const known = courseSkills();
      const skills = [...new Set(questionIds.flatMap((id) => templates.get(id)?.skills ?? []))].filter((s) => known.has(s));
      const titles = builtInCourse().skills;
      const [classroomId, classes] = await Promise.all([deps.roster.classroomOfSession(String(req.params.id)), deps.roster.listClassrooms(teacherIn(res).id)]);
      res.json({
        ok: true,
        data: {
          skills: skills.map((id) => ({ id, title: titles.get(id)?.title ?? id })), classroomId,
          classes: classes.map((c) => ({ id: c.id, name: c.name })), lessonTitle: owned.input.lesson.title,
        },
      });
    } catch (e) {
      failed(res, "suggest practice")(e);
    }
  });

  return r;
}

/**
 * Take students out of any live class they sit in (the teacher's removal, stored), before
 * deleting them. A class running on another node (several nodes) gets the removal there.
 */
async function leaveLiveRooms(deps: ClassRouteDeps, studentIds: string[]): Promise<void> {
  for (const seat of await deps.roster.liveSeats(studentIds)) {
    const remove = { type: "remove" as const, participantId: seat.participantId };
    const room = deps.rooms.get(seat.sessionId);
    if (!room) {
      await deps.sessionOps().command(seat.sessionId, remove).catch(() => undefined);
      continue;
    }
    await room.command(remove).catch(() => undefined);
    await room.flush().catch(() => undefined);
  }
}
