import type { NextFunction, Request, Response } from "express";
import { fromNodeHeaders } from "better-auth/node";
import { ERROR_CODES } from "@livelab/core/protocol";
import type { Auth } from "./auth.ts";

export interface Teacher {
  id: string;
  name: string;
  email: string;
}

/** The signed-in teacher of a request (from the Better Auth cookie), or null. */
export async function teacherOf(auth: Auth, req: Request): Promise<Teacher | null> {
  const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
  if (!session) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email };
}

/** API guard: 401 NOT_AUTHENTICATED without a signed-in teacher; otherwise res.locals.teacher. */
export function requireTeacher(auth: Auth) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const teacher = await teacherOf(auth, req);
      if (!teacher) return void res.status(401).json({ ok: false, error: { code: ERROR_CODES.NOT_AUTHENTICATED, message: "sign in as a teacher first" } });
      res.locals.teacher = teacher;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * Page guard for the teacher's pages (My sessions, reports): an anonymous visitor is sent to
 * the sign-in page, which brings them back afterwards.
 */
export function redirectAnonymous(auth: Auth, isTeacherPage: (path: string) => boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" || !isTeacherPage(req.path)) return next();
    try {
      if (await teacherOf(auth, req)) return next();
      res.redirect(302, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
    } catch (e) {
      next(e);
    }
  };
}
