"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { LessonIssue } from "@livelab/core/lesson";
import { ApiError, lessonApi, type StoredLesson } from "../../../lib/lessonApi";
import { classDate } from "../../../lib/format";
import { ActivityForm } from "./ActivityForm";
import { ActivityList, titleOf } from "./ActivityList";
import { asArray, asObj, asText, duplicateActivity, moveItem, newActivity, takenIds, type Obj } from "./draftModel";
import { EditContext, type Editing } from "./editing";
import { Field, IssuesContext, ReadOnlyContext } from "./fields";
import { PreviewPane } from "./PreviewPane";
import { activityOf, ProblemsPanel, revealField } from "./ProblemsPanel";
import { useDraft, type SaveStatus } from "./useDraft";
import { issuesByPath, useLessonCheck } from "./useServerCheck";
import "../lessons.css";

const STATUS: Record<SaveStatus, string> = {
  saved: "All changes saved", unsaved: "Unsaved changes…", saving: "Saving…", conflict: "Changed in another window: reload to continue", error: "Not saved", "read-only": "Built-in lesson: read-only",
};

/** Load a lesson and open the editor on it. */
export function LessonEditorPage({ id }: { id: string }) {
  const [lesson, setLesson] = useState<StoredLesson | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    lessonApi<StoredLesson>(`/api/lessons/${encodeURIComponent(id)}`).then(setLesson, (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <main className="narrow"><p className="error" role="alert">{error}</p><p><a href="/teach">Back to My sessions</a></p></main>;
  if (!lesson) return <main className="narrow"><p>Loading the lesson…</p></main>;
  return <LessonEditor lesson={lesson} />;
}

/**
 * The lesson editor: the activities on the left (reorder by drag or keyboard), the selected
 * activity's fields in the middle (every message of the lesson check at its field, as you type),
 * a live preview on the right (phone and projector, a sample student's numbers, try an answer).
 * Drafts save themselves; undo/redo with Ctrl+Z / Ctrl+Shift+Z; publishing makes a new version.
 */
function LessonEditor({ lesson }: { lesson: StoredLesson }) {
  const readOnly = lesson.builtIn;
  const d = useDraft(lesson.id, lesson.draft as Obj, lesson.draftRevision, readOnly);
  const { draft } = d;
  const activities = asArray(draft.activities).map(asObj);
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, Math.max(0, activities.length - 1));
  const check = useLessonCheck(draft);
  const issues = useMemo(() => issuesByPath(check.errors), [check.errors]);
  const problems = activities.map((_, i) => check.errors.filter((e) => activityOf(e.path) === i).length);
  const [versions, setVersions] = useState(lesson.versions);
  const [message, setMessage] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);

  const editing: Editing = useMemo(() => ({ edit: d.edit, change: d.change, taken: () => takenIds(draft) }), [d.edit, d.change, draft]);

  const addActivity = (kind: Parameters<typeof newActivity>[0]) => {
    d.change((cur) => ({ ...cur, activities: [...asArray(cur.activities), newActivity(kind, takenIds(cur))] }));
    setSelected(activities.length);
  };
  const moveActivity = (from: number, to: number) => {
    d.change((cur) => ({ ...cur, activities: moveItem(asArray(cur.activities), from, to) }));
    if (index === from) setSelected(to);
  };
  const duplicate = () => {
    d.change((cur) => {
      const list = asArray(cur.activities);
      const copy = duplicateActivity(asObj(list[index]), takenIds(cur));
      return { ...cur, activities: [...list.slice(0, index + 1), copy, ...list.slice(index + 1)] };
    });
    setSelected(index + 1);
  };
  const remove = () => {
    if (!confirm(`Delete the activity “${titleOf(activities[index], index)}”? (Undo brings it back.)`)) return;
    d.change((cur) => ({ ...cur, activities: asArray(cur.activities).filter((_, i) => i !== index) }));
    setSelected(Math.max(0, index - 1));
  };
  const go = (issue: LessonIssue) => {
    const a = activityOf(issue.path);
    if (a !== null) setSelected(a);
    requestAnimationFrame(() => requestAnimationFrame(() => revealField(issue.path)));
  };

  const publish = async () => {
    setPublishing(true);
    setMessage(null);
    try {
      const revision = await d.flush();
      const r = await lessonApi<{ number: number; unchanged: boolean }>(`/api/lessons/${encodeURIComponent(lesson.id)}/publish`, "POST", { revision });
      setMessage(r.unchanged ? `Nothing changed since version ${r.number}.` : `Published version ${r.number}. Classes you start from now on use it; past classes keep theirs.`);
      if (!r.unchanged) setVersions((v) => [...v, { id: String(r.number), number: r.number, createdAt: new Date().toISOString() }]);
    } catch (e) {
      setMessage(e instanceof ApiError && e.code === "LESSON_INVALID" ? `Not published: ${e.message}. Each is listed below.` : `Not published: ${(e as Error).message}`);
    } finally {
      setPublishing(false);
    }
  };
  const duplicateBuiltIn = async () => {
    const { id } = await lessonApi<{ id: string }>(`/api/lessons/${encodeURIComponent(lesson.id)}/duplicate`, "POST");
    window.location.assign(`/teach/lessons/${encodeURIComponent(id)}`);
  };

  const onKeyDown = useCallback((e: React.KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || readOnly) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) { e.preventDefault(); d.undo(); }
    else if ((k === "z" && e.shiftKey) || k === "y") { e.preventDefault(); d.redo(); }
  }, [d, readOnly]);

  const latest = versions.at(-1);
  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <EditContext.Provider value={editing}>
        <IssuesContext.Provider value={issues}>
          <div className={`lesson-editor ${readOnly ? "read-only" : ""}`} onKeyDown={onKeyDown}>
            <header className="topbar editor-bar">
              <span className="row">
                <a href="/teach">← My sessions</a>
                <span className="brand">{asText(draft.title) || "Untitled lesson"}</span>
              </span>
              <span className="row">
                <span className={`save-status save-${d.status}`} role="status" data-status={d.status}>{STATUS[d.status]}{d.status === "error" && d.saveError ? `: ${d.saveError}` : ""}</span>
                {!readOnly && <>
                  <button className="small-button" onClick={d.undo} disabled={!d.canUndo} aria-keyshortcuts="Control+Z">Undo</button>
                  <button className="small-button" onClick={d.redo} disabled={!d.canRedo} aria-keyshortcuts="Control+Shift+Z">Redo</button>
                </>}
                <a className="button-link" href={`/api/lessons/${encodeURIComponent(lesson.id)}/export${readOnly ? "" : "?draft"}`} download>Export</a>
                {readOnly ? <button className="primary" onClick={() => void duplicateBuiltIn()}>Duplicate to edit</button>
                  : <button className="primary" disabled={publishing || d.status === "conflict"} onClick={() => void publish()}>{publishing ? "Publishing…" : "Publish"}</button>}
              </span>
            </header>
            {readOnly && <p className="card read-only-note" role="note">This is a built-in lesson: you can look at everything and preview it. To change it, <strong>Duplicate to edit</strong> makes your own copy.</p>}
            {message && <p className="card publish-message" role="alert">{message}</p>}
            <div className="editor-grid">
              <div className="editor-left">
                <ActivityList activities={activities} selected={index} problems={problems} onSelect={setSelected} onMove={moveActivity} onAdd={addActivity} />
                <p className="muted small versions">{latest ? `Published: version ${latest.number}, ${classDate(latest.createdAt)}` : readOnly ? "" : "Not published yet"}</p>
              </div>
              <div className="editor-main">
                <section className="lesson-settings" aria-label="lesson">
                  <Field label="Lesson title" path={["title"]} value={asText(draft.title)} maxLength={200} onChange={(v) => d.edit(["title"], v)} />
                  <Field label="Summary (optional)" path={["summary"]} value={asText(draft.summary)} maxLength={2000} onChange={(v) => d.edit(["summary"], v)} />
                </section>
                <ProblemsPanel errors={check.errors} notes={check.notes} checked={check.checked} pending={check.pending} readOnly={readOnly} titleOf={(i) => titleOf(activities[i] ?? {}, i)} onGo={go} />
                {activities.length > 0 ? (
                  <ActivityForm key={asText(activities[index].id) || index} activity={activities[index]} index={index} onDuplicate={duplicate} onDelete={remove} />
                ) : <p className="card">This lesson has no activities yet. Add one on the left: a question, a simulation, a class experiment…</p>}
              </div>
              <PreviewPane draft={draft} index={index} />
            </div>
          </div>
        </IssuesContext.Provider>
      </EditContext.Provider>
    </ReadOnlyContext.Provider>
  );
}
