"use client";

/**
 * JSON in localStorage, best effort: a phone in private mode, with storage full or blocked,
 * reads nothing and keeps nothing, and the page carries on from memory (and cookies).
 */
export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Store `value` as JSON under `key`; null removes it. */
export function writeJson(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: nothing kept.
  }
}
