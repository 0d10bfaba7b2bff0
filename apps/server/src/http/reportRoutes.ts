import express, { type Response, type Router } from "express";
import { ERROR_CODES, fail } from "@livelab/core/protocol";
import { buildReport, compareClasses, type ReportOptions } from "@livelab/core/report";
import type { Logger } from "pino";
import type { Teacher } from "../auth/teacher.ts";
import type { OwnedSession, ReportStore } from "../db/reportStore.ts";
import { gradebookCsv, studentsCsv } from "./csv.ts";
import { responsesCsv } from "./responsesCsv.ts";
import { reportXlsx } from "./xlsx.ts";

export interface ReportRouteDeps {
  reports: ReportStore;
  log: Logger;
}

/** Most classes one comparison puts side by side (a table wider than that is not read). */
export const MAX_COMPARED = 8;

const teacherIn = (res: Response) => res.locals.teacher as Teacher;
const notFound = (res: Response) => res.status(404).json(fail(ERROR_CODES.SESSION_NOT_FOUND, "no such session"));
const badRequest = (res: Response, message: string) => res.status(400).json(fail(ERROR_CODES.BAD_REQUEST, message));

/** `?helpBelow=0.4`: the teacher's "needs help" threshold (0…1), or a message saying why not. */
function reportOptions(query: Record<string, unknown>): ReportOptions | string {
  if (query.helpBelow === undefined) return {};
  const v = Number(query.helpBelow);
  if (typeof query.helpBelow !== "string" || query.helpBelow.trim() === "" || !Number.isFinite(v) || v < 0 || v > 1) return "helpBelow must be a number from 0 to 1";
  return { helpBelow: v };
}

/** The export file's name: livelab-CODE-YYYY-MM-DD-what.ext */
const fileName = (owned: OwnedSession, what: string) => `livelab-${owned.input.session.code}-${new Date(owned.input.session.createdAt).toISOString().slice(0, 10)}-${what}`;

/**
 * A teacher's reports (mounted behind `requireTeacher` by teacherRouter): one class's report,
 * its exports (answers, students and gradebook CSVs, the xlsx workbook) and several classes of
 * one lesson side by side. Another teacher's session answers 404 like a missing one.
 */
export function reportRouter(deps: ReportRouteDeps, signedIn: express.RequestHandler): Router {
  const r = express.Router();
  const failed = (res: Response, what: string) => (e: unknown) => {
    // The request's own logger carries its request id (http/requestLog.ts).
    (res.req.log ?? deps.log).error({ err: e }, `could not ${what}`);
    res.status(503).json(fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable"));
  };

  r.get("/api/sessions/:id/report", signedIn, async (req, res) => {
    const options = reportOptions(req.query);
    if (typeof options === "string") return void badRequest(res, options);
    try {
      const owned = await deps.reports.loadOwned(String(req.params.id), teacherIn(res).id);
      if (!owned) return void notFound(res);
      res.json({ ok: true, data: buildReport(owned.input, options) });
    } catch (e) {
      failed(res, "build a report")(e);
    }
  });

  r.get("/api/sessions/:id/export/:file", signedIn, async (req, res) => {
    const file = String(req.params.file);
    const kinds = ["responses.csv", "students.csv", "gradebook.csv", "report.xlsx"];
    if (!kinds.includes(file)) return void notFound(res);
    try {
      const owned = await deps.reports.loadOwned(String(req.params.id), teacherIn(res).id);
      if (!owned) return void notFound(res);
      res.setHeader("Cache-Control", "private, no-store");
      res.setHeader("Content-Disposition", `attachment; filename="${fileName(owned, file)}"`);
      if (file === "report.xlsx") {
        res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return void res.send(await reportXlsx(buildReport(owned.input)));
      }
      const report = buildReport(owned.input);
      const csv = file === "responses.csv" ? responsesCsv(owned, report) : file === "students.csv" ? studentsCsv(report) : gradebookCsv(report);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.send(csv);
    } catch (e) {
      failed(res, "export")(e);
    }
  });

  // Several classes of one lesson: ?ids=a,b,c (2 to MAX_COMPARED of the teacher's sessions).
  r.get("/api/compare", signedIn, async (req, res) => {
    const ids = [...new Set(String(req.query.ids ?? "").split(",").map((s) => s.trim()).filter(Boolean))];
    if (ids.length < 2 || ids.length > MAX_COMPARED) return void badRequest(res, `choose 2 to ${MAX_COMPARED} classes to compare`);
    try {
      const owned = await Promise.all(ids.map((id) => deps.reports.loadOwned(id, teacherIn(res).id)));
      if (owned.some((o) => o === null)) return void notFound(res);
      const classes = owned as OwnedSession[];
      const lessonId = classes[0].input.lesson.id;
      if (classes.some((o) => o.input.lesson.id !== lessonId)) return void badRequest(res, "only classes of the same lesson can be compared");
      // The newest class's copy of the lesson names and orders the questions.
      const newest = classes.reduce((a, b) => (b.input.session.createdAt > a.input.session.createdAt ? b : a));
      res.json({ ok: true, data: compareClasses(newest.input.lesson, classes.map((o) => buildReport(o.input))) });
    } catch (e) {
      failed(res, "compare classes")(e);
    }
  });

  return r;
}
