"use client";
import type { ImportReport, LessonIssue } from "@livelab/core/lesson";
import type { LessonPreview } from "@livelab/core/session";
import { goSignIn } from "./authClient";

/** The lesson library's HTTP API (apps/server/src/http/lessonRoutes.ts), as the web app calls it. */

export interface LibraryItem {
  id: string;
  title: string;
  summary: string;
  builtIn: boolean;
  activities: number;
  updatedAt: string;
  latest: { number: number; createdAt: string } | null;
}

export interface StoredLesson {
  id: string;
  title: string;
  builtIn: boolean;
  draft: Record<string, unknown>;
  draftRevision: number;
  updatedAt: string | null;
  versions: { id: string; number: number; createdAt: string }[];
}

export interface CheckResult {
  valid: boolean;
  errors: LessonIssue[];
  notes: LessonIssue[];
}

export type PreviewResult = { ok: true; preview: LessonPreview } | { ok: false; errors: LessonIssue[] };

/** A refusal from the server, with its code and (for publishing) the problems it found. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly errors: LessonIssue[] = []) {
    super(message);
  }
}

export async function lessonApi<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const res = await fetch(path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    goSignIn();
    throw new ApiError("NOT_AUTHENTICATED", "sign in first", 401);
  }
  const json = (await res.json().catch(() => null)) as { ok: boolean; data?: T; error?: { code: string; message: string }; errors?: LessonIssue[] } | null;
  if (!json?.ok) throw new ApiError(json?.error?.code ?? "INTERNAL", json?.error?.message ?? `request failed (${res.status})`, res.status, json?.errors ?? []);
  return json.data as T;
}

/** Upload a file to be read (nothing is stored): what it would import and every problem. */
export async function readImport(file: File): Promise<ImportReport> {
  const res = await fetch(`/api/lessons/import?name=${encodeURIComponent(file.name)}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: file });
  const json = (await res.json().catch(() => null)) as { ok: boolean; data?: ImportReport; error?: { code: string; message: string } } | null;
  if (!json?.ok) throw new ApiError(json?.error?.code ?? "INTERNAL", json?.error?.message ?? `upload failed (${res.status})`, res.status);
  return json.data!;
}
