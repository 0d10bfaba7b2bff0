import express, { type Request, type Response, type Router } from "express";
import {
  ClassJoinSchema, ClassSignInSchema, ERROR_CODES, fail, PracticeAttemptSchema, PracticeNextSchema,
  type Ack, type ErrorCode,
} from "@livelab/core/protocol";
import type { Logger } from "pino";
import type { SignedInStudent } from "../db/rosterStore.ts";
import type { PracticeService } from "../practice/practiceService.ts";
import { STUDENT_COOKIE, STUDENT_COOKIE_MAX_AGE_MS, type StudentAccess } from "../practice/studentAccess.ts";

export interface StudentRouteDeps {
  access: StudentAccess;
  practice: PracticeService;
  log: Logger;
  clientAddress: (req: Request) => string;
}

/** HTTP status of a refusal (the body says the code and why). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400, INVALID_ANSWER: 400, NICKNAME_INVALID: 400, NOT_AUTHENTICATED: 401, SIGNED_OUT: 401, SIGN_IN_FAILED: 401, SKILL_LOCKED: 403, CLASS_CLOSED: 403,
  CLASS_NOT_FOUND: 404, ITEM_NOT_FOUND: 404, STUDENT_NAME_TAKEN: 409, SIGN_IN_LOCKED: 429, RATE_LIMITED: 429,
};

function send<T>(res: Response, r: Ack<T>, okStatus = 200): void {
  if (r.ok) res.status(okStatus).json(r);
  else res.status(STATUS[r.error.code] ?? 500).json(r);
}

const who = (res: Response) => res.locals.student as SignedInStudent;

/**
 * What students do without a teacher account (docs/PROTOCOL.md "Practice"): look up a class
 * code, join a class, sign in on a device, and — signed in (the device cookie) — their home and
 * practice. Answers are graded here; the phone never holds one before it has answered.
 */
export function studentRouter(deps: StudentRouteDeps): Router {
  const r = express.Router();
  const failed = (res: Response, what: string) => (e: unknown) => {
    (res.req.log ?? deps.log).error({ err: e }, `could not ${what}`);
    if (!res.headersSent) res.status(503).json(fail(ERROR_CODES.STORAGE_UNAVAILABLE, "the database is unavailable; nothing was saved, please try again"));
  };
  const setCookie = (res: Response, token: string) =>
    res.cookie(STUDENT_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", maxAge: STUDENT_COOKIE_MAX_AGE_MS });
  const signedIn = async (req: Request, res: Response, next: express.NextFunction) => {
    try {
      const student = await deps.access.who(req.headers);
      if (!student) {
        const why = await deps.access.signedOutMessage(req.headers);
        return void res.status(401).json(why ? fail(ERROR_CODES.SIGNED_OUT, why) : fail(ERROR_CODES.NOT_AUTHENTICATED, "sign in to your class first"));
      }
      res.locals.student = student;
      next();
    } catch (e) {
      failed(res, "read a student's sign-in")(e);
    }
  };

  r.get("/api/class/:code", async (req, res) => {
    const code = String(req.params.code).trim().toUpperCase();
    if (!/^[A-Z0-9]{4,8}$/.test(code)) return void send(res, fail(ERROR_CODES.BAD_REQUEST, "a class code is 4–8 letters and digits"));
    await deps.access.lookup(code, deps.clientAddress(req)).then((a) => send(res, a), failed(res, "look up a class"));
  });

  r.post("/api/class/join", async (req, res) => {
    const parsed = ClassJoinSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void send(res, fail(ERROR_CODES.BAD_REQUEST, parsed.error.issues[0].message));
    try {
      const joined = await deps.access.join(parsed.data, deps.clientAddress(req));
      if (!joined.ok) return void send(res, joined);
      setCookie(res, joined.data.token);
      send(res, { ok: true, data: joined.data.identity }, 201);
    } catch (e) {
      failed(res, "add a student")(e);
    }
  });

  r.post("/api/class/signin", async (req, res) => {
    const parsed = ClassSignInSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void send(res, fail(ERROR_CODES.BAD_REQUEST, parsed.error.issues[0].message));
    try {
      const signed = await deps.access.signIn(parsed.data, deps.clientAddress(req));
      if (!signed.ok) return void send(res, signed);
      setCookie(res, signed.data.token);
      send(res, { ok: true, data: signed.data.identity });
    } catch (e) {
      failed(res, "sign a student in")(e);
    }
  });

  r.post("/api/student/signout", async (req, res) => {
    await deps.access.signOut(req.headers).catch(() => undefined);
    res.clearCookie(STUDENT_COOKIE, { path: "/" });
    res.json({ ok: true, data: { signedOut: true } });
  });

  r.get("/api/student/home", signedIn, async (_req, res) => {
    await deps.practice.home(who(res)).then((h) => res.json({ ok: true, data: h }), failed(res, "load a student's home"));
  });

  r.post("/api/student/practice/next", signedIn, async (req, res) => {
    const parsed = PracticeNextSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void send(res, fail(ERROR_CODES.BAD_REQUEST, parsed.error.issues[0].message));
    await deps.practice.next(who(res), parsed.data.skill, parsed.data.assignmentId).then((a) => send(res, a), failed(res, "give a practice question"));
  });

  r.post("/api/student/practice/items/:id/hint", signedIn, async (req, res) => {
    await deps.practice.hint(who(res), String(req.params.id)).then((a) => send(res, a), failed(res, "give a hint"));
  });

  r.post("/api/student/practice/attempts", signedIn, async (req, res) => {
    const parsed = PracticeAttemptSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void send(res, fail(ERROR_CODES.BAD_REQUEST, parsed.error.issues[0].message));
    await deps.practice.attempt(who(res), parsed.data).then((a) => send(res, a), failed(res, "store a practice answer"));
  });

  return r;
}
