"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, lessonApi } from "../../../lib/lessonApi";
import { pathKey, setIn, type Json, type Obj, type Path } from "./draftModel";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict" | "error" | "read-only";

interface History {
  draft: Obj;
  past: Obj[];
  future: Obj[];
  /** The field last typed into and when: keystrokes in one field within a moment are one undo step. */
  lastKey: string | null;
  lastAt: number;
}

const MAX_UNDO = 200;
const COALESCE_MS = 1500;
const SAVE_AFTER_MS = 700;

/**
 * The draft being edited, with undo/redo and autosave. Every change is saved shortly after the
 * teacher stops typing (PUT with the revision it was based on: a save from a stale window is
 * refused as a conflict, never merged silently). Undo steps are whole edits; keystrokes in one
 * field coalesce.
 */
export function useDraft(lessonId: string, initial: Obj, initialRevision: number, readOnly: boolean) {
  const [h, setH] = useState<History>({ draft: initial, past: [], future: [], lastKey: null, lastAt: 0 });
  const [status, setStatus] = useState<SaveStatus>(readOnly ? "read-only" : "saved");
  const [revision, setRevision] = useState(initialRevision);
  const [saveError, setSaveError] = useState<string | null>(null);
  const rev = useRef(initialRevision);
  const saving = useRef(false);
  const dirty = useRef(false);
  const latest = useRef(initial);
  latest.current = h.draft;

  const save = useCallback(async () => {
    if (readOnly || saving.current || !dirty.current) return;
    saving.current = true;
    dirty.current = false;
    setStatus("saving");
    try {
      const r = await lessonApi<{ revision: number }>(`/api/lessons/${encodeURIComponent(lessonId)}`, "PUT", { draft: latest.current, revision: rev.current });
      rev.current = r.revision;
      setRevision(r.revision);
      setSaveError(null);
      setStatus(dirty.current ? "unsaved" : "saved");
    } catch (e) {
      dirty.current = true;
      setStatus(e instanceof ApiError && e.code === "LESSON_CONFLICT" ? "conflict" : "error");
      setSaveError((e as Error).message);
    } finally {
      saving.current = false;
    }
  }, [lessonId, readOnly]);

  // Autosave shortly after the last change (and again if changes came in during a save).
  useEffect(() => {
    if (!dirty.current || status === "conflict") return;
    const t = setTimeout(() => void save(), SAVE_AFTER_MS);
    return () => clearTimeout(t);
  }, [h.draft, status, save]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => { if (dirty.current || saving.current) e.preventDefault(); };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const commit = useCallback((next: (d: Obj) => Obj, key: string | null) => {
    if (readOnly) return;
    setH((cur) => {
      const draft = next(cur.draft);
      if (draft === cur.draft) return cur;
      const now = Date.now();
      const coalesce = key !== null && key === cur.lastKey && now - cur.lastAt < COALESCE_MS;
      dirty.current = true;
      return { draft, past: coalesce ? cur.past : [...cur.past, cur.draft].slice(-MAX_UNDO), future: [], lastKey: key, lastAt: now };
    });
    setStatus((s) => (s === "conflict" ? s : "unsaved"));
  }, [readOnly]);

  /** Set one field (typing: successive edits of the same field are one undo step). */
  const edit = useCallback((path: Path, value: Json | undefined) => commit((d) => setIn(d, path, value) as Obj, pathKey(path)), [commit]);
  /** A structural change (add, delete, move): always its own undo step. */
  const change = useCallback((fn: (d: Obj) => Obj) => commit(fn, null), [commit]);

  const undo = useCallback(() => {
    setH((cur) => {
      if (cur.past.length === 0) return cur;
      dirty.current = true;
      return { draft: cur.past[cur.past.length - 1], past: cur.past.slice(0, -1), future: [cur.draft, ...cur.future], lastKey: null, lastAt: 0 };
    });
    setStatus((s) => (s === "conflict" ? s : "unsaved"));
  }, []);
  const redo = useCallback(() => {
    setH((cur) => {
      if (cur.future.length === 0) return cur;
      dirty.current = true;
      return { draft: cur.future[0], past: [...cur.past, cur.draft], future: cur.future.slice(1), lastKey: null, lastAt: 0 };
    });
    setStatus((s) => (s === "conflict" ? s : "unsaved"));
  }, []);

  /** Save now (before publishing): resolves with the revision the server holds. */
  const flush = useCallback(async (): Promise<number> => {
    while (saving.current) await new Promise((r) => setTimeout(r, 50));
    if (dirty.current) await save();
    if (dirty.current) throw new Error(saveError ?? "the draft could not be saved");
    return rev.current;
  }, [save, saveError]);

  return { draft: h.draft, edit, change, undo, redo, canUndo: h.past.length > 0, canRedo: h.future.length > 0, status, saveError, revision, flush };
}
