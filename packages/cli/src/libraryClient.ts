import { CliError } from "./cliError.ts";

/**
 * The CLI's way to a teacher's lesson library: the running LiveLab server's HTTP API (only the
 * server opens the database), signed in as the teacher with email and password from the
 * environment. `LIVELAB_URL` (default http://127.0.0.1:3000), `LIVELAB_EMAIL`, `LIVELAB_PASSWORD`.
 */
export interface LibraryClient {
  url: string;
  call<T>(path: string, init?: RequestInit): Promise<T>;
  raw(path: string, init?: RequestInit): Promise<Response>;
}

export interface LibraryEnv {
  LIVELAB_URL?: string;
  LIVELAB_EMAIL?: string;
  LIVELAB_PASSWORD?: string;
}

export async function signIn(env: LibraryEnv, server?: string): Promise<LibraryClient> {
  const url = (server ?? env.LIVELAB_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  const email = env.LIVELAB_EMAIL;
  const password = env.LIVELAB_PASSWORD;
  if (!email || !password) throw new CliError("set LIVELAB_EMAIL and LIVELAB_PASSWORD to your teacher account (and LIVELAB_URL to the server)");
  let res: Response;
  try {
    res = await fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password }) });
  } catch (e) {
    throw new CliError(`cannot reach LiveLab at ${url}: ${(e as Error).message} (is it running? set LIVELAB_URL)`);
  }
  if (!res.ok) throw new CliError(`sign-in as ${email} failed (${res.status}): check LIVELAB_EMAIL and LIVELAB_PASSWORD`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const raw = (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, { ...init, headers: { origin: url, cookie, ...(init.headers as Record<string, string>) } });
  return {
    url,
    raw,
    async call<T>(path: string, init?: RequestInit): Promise<T> {
      const r = await raw(path, init);
      const body = (await r.json().catch(() => null)) as { ok: boolean; data?: T; error?: { code: string; message: string } } | null;
      if (!body?.ok) throw new CliError(body?.error ? `${body.error.message} (${body.error.code})` : `the server answered ${r.status}`, 1);
      return body.data as T;
    },
  };
}
