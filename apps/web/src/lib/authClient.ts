"use client";
import { createAuthClient } from "better-auth/react";

/**
 * Teacher sign-in through the server's Better Auth endpoints (/api/auth on this origin).
 * Only teacher pages import this; the student bundle never does.
 */
export const authClient = createAuthClient();

/** Send an anonymous (or expired) teacher to sign in, then back here. */
export function goSignIn(): void {
  window.location.assign(`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}
