"use client";

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
