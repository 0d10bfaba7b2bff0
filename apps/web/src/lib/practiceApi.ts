"use client";

/**
 * The practice and class API (apps/server/src/http/studentRoutes.ts and classRoutes.ts) as the
 * web app calls it. A refusal is an ApiCallError with the server's code; no answer at all (the
 * phone is offline, the Wi-Fi dropped) is `offline: true`, so a caller can keep what it was
 * sending and try again.
 */
export class ApiCallError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly offline = false) {
    super(message);
  }
}

export async function api<T>(path: string, method = "GET", body?: unknown, timeoutMs = 12_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ApiCallError("TIMEOUT", "no connection to the server", 0, true);
  }
  const json = (await res.json().catch(() => null)) as { ok: boolean; data?: T; error?: { code: string; message: string } } | null;
  if (!json) throw new ApiCallError("TIMEOUT", `the server did not answer properly (${res.status})`, res.status, res.status >= 500 || res.status === 0);
  if (!json.ok) throw new ApiCallError(json.error?.code ?? "INTERNAL", json.error?.message ?? `request failed (${res.status})`, res.status, res.status === 503);
  return json.data as T;
}

export { knownStudent, rememberedClass, rememberSignIn, type KnownStudent } from "./knownStudent";
export { asSentence } from "./sentence";
