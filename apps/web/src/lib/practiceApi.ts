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

/** What a signed-in device remembers of its student (the cookie itself is HTTP-only). */
export interface KnownStudent { name: string; className: string }

const KNOWN = "livelab:student";

export const knownStudent = {
  get(): KnownStudent | null {
    try {
      const raw = localStorage.getItem(KNOWN);
      return raw ? (JSON.parse(raw) as KnownStudent) : null;
    } catch {
      return null;
    }
  },
  set(s: KnownStudent): void {
    try {
      localStorage.setItem(KNOWN, JSON.stringify(s));
    } catch {
      // Private mode: the device still signs in by its cookie.
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(KNOWN);
    } catch {
      // nothing kept
    }
  },
};

/** Sentence case for a server message shown on its own ("sign in first" → "Sign in first."). */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
