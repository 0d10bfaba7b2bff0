"use client";
import { useEffect, useRef, useState } from "react";
import type { LessonIssue } from "@livelab/core/lesson";
import { lessonApi, type CheckResult, type PreviewResult } from "../../../lib/lessonApi";
import type { Obj } from "./draftModel";
import { humanize } from "./checkMessages";

export { humanize };

/**
 * Run a server call on the draft shortly after the teacher stops typing, dropping answers that
 * arrive after a newer request was sent. The grading and the lesson check live on the server
 * (the web app never grades): these calls are how the editor sees their verdict.
 */
function useDebouncedCall<T>(key: string, call: (() => Promise<T>) | null, delayMs: number): { result: T | null; pending: boolean; error: string | null } {
  const [result, setResult] = useState<T | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const callRef = useRef(call);
  callRef.current = call;
  useEffect(() => {
    const fn = callRef.current;
    if (!fn) return;
    const mine = ++seq.current;
    setPending(true);
    const t = setTimeout(() => {
      fn().then(
        (r) => { if (mine === seq.current) { setResult(r); setError(null); setPending(false); } },
        (e: Error) => { if (mine === seq.current) { setError(e.message); setPending(false); } },
      );
    }, delayMs);
    return () => clearTimeout(t);
  }, [key, delayMs]);
  return { result, pending, error };
}

/** core's lesson check (and the KaTeX check) of the whole draft, as the teacher edits. */
export function useLessonCheck(draft: Obj) {
  const key = JSON.stringify(draft);
  const { result, pending, error } = useDebouncedCall<CheckResult>(key, () => lessonApi<CheckResult>("/api/lessons/check", "POST", { draft }), 500);
  return { errors: result?.errors ?? [], notes: result?.notes ?? [], valid: result?.valid ?? false, checked: result !== null, pending, error };
}

/** The preview of one activity for a sample student (seed), with the teacher's tried answers. */
export function usePreview(draft: Obj, activityIndex: number, seed: number, answers: Record<string, string | string[]>) {
  const activity = (draft.activities as Obj[] | undefined)?.[activityIndex];
  const key = JSON.stringify([activity, activityIndex, seed, answers, (draft.activities as unknown[] | undefined)?.length]);
  const { result, pending, error } = useDebouncedCall<PreviewResult & { seed: number }>(
    key,
    activity ? () => lessonApi<PreviewResult>("/api/lessons/preview", "POST", { draft, activityIndex, seed, answers }).then((r) => ({ ...r, seed })) : null,
    350,
  );
  return { result: activity ? result : null, pending, error };
}

/** Check issues by path, for fields to show their own. */
export function issuesByPath(issues: LessonIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) map.set(i.path, [...(map.get(i.path) ?? []), humanize(i.message)]);
  return map;
}
