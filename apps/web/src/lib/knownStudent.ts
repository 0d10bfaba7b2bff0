"use client";
import { readJson, writeJson } from "./localJson";

/** What a signed-in device remembers of its student (the cookie itself is HTTP-only). */
export interface KnownStudent { name: string; className: string }

const KNOWN = "livelab:student";

// Private mode keeps nothing: the device still signs in by its cookie.
export const knownStudent = {
  get: (): KnownStudent | null => readJson<KnownStudent>(KNOWN),
  set: (s: KnownStudent): void => writeJson(KNOWN, s),
  clear: (): void => writeJson(KNOWN, null),
};

/** Sentence case for a server message shown on its own ("sign in first" → "Sign in first."). */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
