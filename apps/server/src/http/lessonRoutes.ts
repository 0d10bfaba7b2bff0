import { isDeepStrictEqual } from "node:util";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { ERROR_CODES, fail } from "@livelab/core/errors";
import { draftProblem, formatBytes, LESSON_LIMITS, LESSON_SCHEMA_PATH, lessonJsonSchema, LessonSchema, slugId } from "@livelab/core/lesson";
import type { Logger } from "pino";
import type { Auth } from "../auth/auth.ts";
import { requireTeacher, type Teacher } from "../auth/teacher.ts";
import type { LessonStore } from "../db/lessonStore.ts";
import { withoutSchemaRef } from "../lessons/lessonJobs.ts";
import type { LessonLibrary } from "../lessons/lessonLibrary.ts";
import { LessonJobError, type LessonWorkers } from "../lessons/lessonWorkers.ts";
import { LessonDraftSchema, LessonPreviewSchema, PublishSchema, SaveDraftSchema } from "./lessonRequests.ts";

export interface LessonRouteDeps {
  auth: Auth;
  library: LessonLibrary;
  store: LessonStore;
  workers: LessonWorkers;
  log: Logger;
  publicUrl: () => string;
}

const teacherIn = (res: Response) => res.locals.teacher as Teacher;
const notFound = (res: Response) => res.status(404).json(fail(ERROR_CODES.LESSON_NOT_FOUND, "no such lesson"));
const bad = (res: Response, message: string) => res.status(400).json(fail(ERROR_CODES.BAD_REQUEST, message));

/** A new lesson: empty, so the check lists what to add first. */
const emptyDraft = () => ({ format: "livelab-lesson", version: 1, id: "my-lesson", title: "Untitled lesson", summary: "", activities: [] });

/**
 * Teachers' own lessons over HTTP: the library, drafts (saved as the teacher types, guarded by
 * a revision number), publishing immutable versions, the check and the preview the editor calls
 * as the teacher edits, import and export, and the published JSON Schema. Mounted before the
 * API's 64 kB JSON parser: lesson files are larger (up to 1 MB; uploads up to 2 MB). Another
 * teacher's lesson answers 404 exactly like one that does not exist.
 */
export function lessonRouter(deps: LessonRouteDeps): Router {
  const r = express.Router();
  const signedIn = requireTeacher(deps.auth);
  const json = express.json({ limit: LESSON_LIMITS.jsonBytes });
  const upload = express.raw({ type: () => true, limit: LESSON_LIMITS.importBytes });
  const worked = (res: Response, e: unknown) => {
    if (e instanceof LessonJobError) return void res.status(e.status).json(fail(e.code, e.message));
    deps.log.error({ err: e }, "lesson request failed");
    res.status(503).json(fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the lesson library is unavailable"));
  };

  r.get(LESSON_SCHEMA_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.json(lessonJsonSchema(`${deps.publicUrl()}${LESSON_SCHEMA_PATH}`));
  });

  r.get("/api/lessons", signedIn, async (_req, res) => {
    deps.workers.warm(); // the editor is likely next
    try {
      res.json({ ok: true, data: await deps.library.list(teacherIn(res).id) });
    } catch (e) { worked(res, e); }
  });

  r.post("/api/lessons", signedIn, json, async (req, res) => {
    const parsed = LessonDraftSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void bad(res, parsed.error.issues[0].message);
    const draft = withoutSchemaRef(parsed.data.draft ?? emptyDraft());
    const problem = draftProblem(draft, JSON.stringify(draft).length);
    if (problem) return void res.status(422).json(fail(ERROR_CODES.LESSON_INVALID, problem));
    try {
      res.status(201).json({ ok: true, data: await deps.store.create(teacherIn(res).id, draft) });
    } catch (e) { worked(res, e); }
  });

  // Live validation and preview of the editor's unsaved draft (nothing is stored).
  r.post("/api/lessons/check", signedIn, json, async (req, res) => {
    const parsed = LessonDraftSchema.safeParse(req.body ?? {});
    if (!parsed.success || parsed.data.draft === undefined) return void bad(res, "send { draft }");
    try {
      const { ok, errors, notes } = await deps.workers.check(parsed.data.draft);
      res.json({ ok: true, data: { valid: ok, errors, notes } });
    } catch (e) { worked(res, e); }
  });

  r.post("/api/lessons/preview", signedIn, json, async (req, res) => {
    const parsed = LessonPreviewSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void bad(res, parsed.error.issues[0].message);
    try {
      res.json({ ok: true, data: await deps.workers.preview({ ...parsed.data, now: Date.now() }) });
    } catch (e) { worked(res, e); }
  });

  r.post("/api/lessons/import", signedIn, upload, async (req, res) => {
    const bytes = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array();
    if (bytes.length === 0) return void bad(res, "the file is empty");
    const filename = String(req.query.name ?? "lesson").slice(0, 200);
    try {
      res.json({ ok: true, data: await deps.workers.importFile({ filename, bytes }) });
    } catch (e) { worked(res, e); }
  });

  r.get("/api/lessons/:id", signedIn, async (req, res) => {
    const id = String(req.params.id);
    const builtIn = deps.library.builtIn(id);
    if (builtIn) return void res.json({ ok: true, data: { id, title: builtIn.title, builtIn: true, draft: builtIn, draftRevision: 0, updatedAt: null, versions: [] } });
    try {
      const stored = await deps.store.get(id, teacherIn(res).id);
      if (!stored) return void notFound(res);
      res.json({ ok: true, data: { ...stored, builtIn: false } });
    } catch (e) { worked(res, e); }
  });

  r.put("/api/lessons/:id", signedIn, json, async (req, res) => {
    const id = String(req.params.id);
    if (deps.library.builtIn(id)) return void res.status(403).json(fail(ERROR_CODES.LESSON_READ_ONLY, "built-in lessons are read-only: duplicate it to edit"));
    const parsed = SaveDraftSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void bad(res, parsed.error.issues[0].message);
    const draft = withoutSchemaRef(parsed.data.draft);
    const problem = draftProblem(draft, JSON.stringify(draft).length);
    if (problem) return void res.status(422).json(fail(ERROR_CODES.LESSON_INVALID, problem));
    try {
      const saved = await deps.store.saveDraft(id, teacherIn(res).id, draft, parsed.data.revision);
      if (saved.ok) return void res.json({ ok: true, data: { revision: saved.revision } });
      if (saved.reason === "not-found") return void notFound(res);
      res.status(409).json({ ...fail(ERROR_CODES.LESSON_CONFLICT, "this lesson was changed in another window: reload to see the newest draft"), revision: saved.revision });
    } catch (e) { worked(res, e); }
  });

  r.post("/api/lessons/:id/duplicate", signedIn, async (req, res) => {
    const id = String(req.params.id);
    try {
      const builtIn = deps.library.builtIn(id);
      const source = builtIn ?? (await deps.store.get(id, teacherIn(res).id))?.draft;
      if (!source) return void notFound(res);
      const s = source as { title?: unknown };
      const title = `${typeof s.title === "string" ? s.title : "Untitled lesson"} (copy)`.slice(0, 200);
      res.status(201).json({ ok: true, data: await deps.store.create(teacherIn(res).id, { ...(source as object), title }) });
    } catch (e) { worked(res, e); }
  });

  // Publishing checks the saved draft the teacher is looking at (its revision) and adds a version.
  r.post("/api/lessons/:id/publish", signedIn, json, async (req, res) => {
    const id = String(req.params.id);
    if (deps.library.builtIn(id)) return void res.status(403).json(fail(ERROR_CODES.LESSON_READ_ONLY, "built-in lessons are read-only: duplicate it to edit"));
    const parsed = PublishSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void bad(res, parsed.error.issues[0].message);
    try {
      const teacher = teacherIn(res).id;
      const stored = await deps.store.get(id, teacher);
      if (!stored) return void notFound(res);
      if (stored.draftRevision !== parsed.data.revision) return void res.status(409).json(fail(ERROR_CODES.LESSON_CONFLICT, "the draft changed since you last saw it: reload, then publish"));
      const check = await deps.workers.check(stored.draft);
      if (!check.ok || !check.lesson) {
        return void res.status(422).json({ ...fail(ERROR_CODES.LESSON_INVALID, `${check.errors.length} problem${check.errors.length === 1 ? "" : "s"} to fix before publishing`), errors: check.errors });
      }
      const latest = await deps.store.version(id, teacher);
      if (latest && isDeepStrictEqual(latest.content, check.lesson)) {
        return void res.json({ ok: true, data: { number: latest.number, unchanged: true } });
      }
      const v = await deps.store.publish(id, teacher, check.lesson);
      if (!v) return void notFound(res);
      res.status(201).json({ ok: true, data: { number: v.number, unchanged: false } });
    } catch (e) { worked(res, e); }
  });

  // A lesson file with "$schema" first, so editors can autocomplete it.
  r.get("/api/lessons/:id/export", signedIn, async (req, res) => {
    const id = String(req.params.id);
    const number = req.query.version === undefined ? undefined : Number(req.query.version);
    if (number !== undefined && !(Number.isInteger(number) && number > 0)) return void bad(res, "version must be a version number");
    try {
      let lesson: unknown = deps.library.builtIn(id);
      let suffix = "";
      if (!lesson) {
        const teacher = teacherIn(res).id;
        if (req.query.draft !== undefined) {
          lesson = (await deps.store.get(id, teacher))?.draft;
          suffix = "-draft";
        } else {
          const v = await deps.store.version(id, teacher, number);
          if (!v) {
            if (!(await deps.store.get(id, teacher)) || number !== undefined) return void notFound(res);
            return void res.status(409).json(fail(ERROR_CODES.LESSON_NOT_PUBLISHED, "this lesson has no published version yet: export the draft instead"));
          }
          // The database keeps JSON keys in its own order: the file gets the format's order back.
          lesson = LessonSchema.parse(v.content);
          suffix = `-v${v.number}`;
        }
        if (!lesson) return void notFound(res);
      }
      const title = (lesson as { title?: unknown }).title;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${slugId(typeof title === "string" ? title : "lesson", "lesson")}${suffix}.livelab.json"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(JSON.stringify({ $schema: `${deps.publicUrl()}${LESSON_SCHEMA_PATH}`, ...(lesson as object) }, null, 2));
    } catch (e) { worked(res, e); }
  });

  r.delete("/api/lessons/:id", signedIn, async (req, res) => {
    const id = String(req.params.id);
    if (deps.library.builtIn(id)) return void res.status(403).json(fail(ERROR_CODES.LESSON_READ_ONLY, "built-in lessons cannot be deleted"));
    try {
      if (!(await deps.store.delete(id, teacherIn(res).id))) return void notFound(res);
      res.json({ ok: true, data: { deleted: id } });
    } catch (e) { worked(res, e); }
  });

  // A body over the limit or that is not JSON: a typed error that says how large is allowed.
  r.use((err: Error & { type?: string; length?: number; limit?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === "entity.too.large") {
      return void res.status(413).json(fail(ERROR_CODES.PAYLOAD_TOO_LARGE, `the file is ${formatBytes(err.length ?? 0)}: at most ${formatBytes(err.limit ?? 0)}`));
    }
    if (err.type === "entity.parse.failed") return void bad(res, `not JSON: ${err.message}`);
    next(err);
  });
  return r;
}
