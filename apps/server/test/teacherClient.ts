/**
 * A teacher as an HTTP client: sign up / sign in through Better Auth's endpoints and keep the
 * cookie, as a browser would. Used by tests and the load harness (no vitest imports here).
 */
export interface TeacherClient {
  email: string;
  cookie: string;
  /** fetch with the teacher's cookie (and the same-origin header browsers send). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  createSession(): Promise<{ sessionId: string; code: string; hostSecret: string; joinUrl: string }>;
}

let counter = 0;

function cookieFrom(res: Response): string {
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error(`no cookie from ${res.url} (${res.status})`);
  return cookies.join("; ");
}

export function teacherClient(url: string, email: string, cookie: string): TeacherClient {
  const f = (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, { ...init, headers: { origin: url, cookie, ...(init.headers as Record<string, string>) } });
  return {
    email, cookie, fetch: f,
    async createSession() {
      const res = await f("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const body = (await res.json()) as { ok: boolean; data: { sessionId: string; code: string; hostSecret: string; joinUrl: string } };
      if (!body.ok) throw new Error(`create session: ${res.status} ${JSON.stringify(body)}`);
      return body.data;
    },
  };
}

export async function signUpTeacher(url: string, o: { email?: string; password?: string; name?: string } = {}): Promise<TeacherClient> {
  const email = o.email ?? `teacher-${process.pid}-${Date.now()}-${counter++}@school.test`;
  const res = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: o.password ?? "correct horse battery", name: o.name ?? "Test Teacher" }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return teacherClient(url, email, cookieFrom(res));
}

export async function signInTeacher(url: string, email: string, password: string): Promise<TeacherClient> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return teacherClient(url, email, cookieFrom(res));
}
