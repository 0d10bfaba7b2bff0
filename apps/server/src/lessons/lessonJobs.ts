import { checkLesson, draftProblem, LessonSchema, type ImportReport, type Lesson, type LessonIssue } from "@livelab/core/lesson";
import { lessonPreview, type LessonPreview } from "@livelab/core/session";
import { readSpreadsheet } from "./spreadsheet.ts";
import { checkLessonTex } from "./texCheck.ts";

/**
 * The costly work on lessons — the full check, previews, reading uploaded files — as plain
 * functions. They run in a worker thread with a time limit (lessonWorkers.ts), because a lesson
 * is untrusted input: a hostile one must cost its author a refusal, not stall every class on
 * the server. Tests call them directly.
 */

/** Problems reported at most (a hostile file may have thousands). */
const MAX_ISSUES = 200;

export interface DraftCheck {
  ok: boolean;
  errors: LessonIssue[];
  notes: LessonIssue[];
  /** The checked lesson (defaults filled in), when ok. */
  lesson?: Lesson;
}

/** core's checkLesson, then KaTeX over every math part (as the phones will render it). */
export function checkDraft(draft: unknown): DraftCheck {
  const size = JSON.stringify(draft ?? null).length;
  const bound = draftProblem(draft, size);
  if (bound) return { ok: false, errors: [{ path: "(root)", message: bound }], notes: [] };
  const checked = checkLesson(withoutSchemaRef(draft));
  if (!checked.ok) {
    const errors = [...checked.errors, ...meaningOfFinishedActivities(draft, checked.errors)];
    return { ok: false, errors: errors.slice(0, MAX_ISSUES), notes: checked.notes.slice(0, MAX_ISSUES) };
  }
  const tex = checkLessonTex(checked.lesson);
  if (tex.length > 0) return { ok: false, errors: tex.slice(0, MAX_ISSUES), notes: checked.notes };
  return { ok: true, errors: [], notes: checked.notes.slice(0, MAX_ISSUES), lesson: checked.lesson };
}

/**
 * While some field is still empty the lesson cannot be checked for meaning as a whole (the shape
 * comes first); the activities that are complete are checked on their own meanwhile, so a
 * mistake that can never fire is named while the teacher is still writing the next activity.
 */
function meaningOfFinishedActivities(draft: unknown, shapeErrors: LessonIssue[]): LessonIssue[] {
  const activities = (draft as { activities?: unknown }).activities;
  if (!Array.isArray(activities)) return [];
  const out: LessonIssue[] = [];
  activities.forEach((a, i) => {
    if (shapeErrors.some((e) => e.path.startsWith(`activities[${i}]`))) return;
    const alone = checkLesson({ format: "livelab-lesson", version: 1, id: "activity", title: "activity", activities: [a] });
    if (!alone.ok) for (const e of alone.errors) out.push({ path: e.path.replace(/^activities\[0\]/, `activities[${i}]`), message: e.message });
  });
  return out;
}

/** A lesson as stored: the `$schema` pointer is for editors, not part of the lesson. */
export function withoutSchemaRef(draft: unknown): unknown {
  if (draft === null || typeof draft !== "object" || Array.isArray(draft) || !("$schema" in draft)) return draft;
  const { $schema: _ignored, ...rest } = draft as Record<string, unknown>;
  return rest;
}

export interface PreviewJob {
  draft: unknown;
  activityIndex: number;
  seed: number;
  answers?: Record<string, unknown>;
  now: number;
}

export type PreviewOutcome = { ok: true; preview: LessonPreview } | { ok: false; errors: LessonIssue[] };

/**
 * Preview one activity of a draft that may be unfinished elsewhere: the activity is checked
 * and run on its own (as a one-activity lesson), and the phone is told its real place.
 */
export function previewDraft(job: PreviewJob): PreviewOutcome {
  const d = job.draft as { title?: unknown; activities?: unknown } | null;
  const activities = Array.isArray(d?.activities) ? d.activities : [];
  const i = Math.trunc(job.activityIndex);
  if (!(i >= 0 && i < activities.length)) return { ok: false, errors: [{ path: "activities", message: `no activity ${i + 1}` }] };
  const at = (path: string) => path.replace(/^activities\[0\]/, `activities[${i}]`);
  const single = { format: "livelab-lesson", version: 1, id: "preview", title: "Preview", activities: [activities[i]] };
  const shape = LessonSchema.safeParse(single);
  const checked = checkLesson(single);
  const errors = checked.ok ? [] : checked.errors.map((e) => ({ path: at(e.path), message: e.message }));
  if (!shape.success) return { ok: false, errors };
  try {
    const preview = lessonPreview({ lesson: shape.data, activityIndex: 0, seed: job.seed, answers: job.answers }, job.now);
    preview.phone.activity = { ...preview.phone.activity, index: i, count: activities.length };
    return { ok: true, preview };
  } catch (e) {
    // A formula that does not compile yet (the check says which): nothing to preview until it does.
    return { ok: false, errors: errors.length ? errors : [{ path: `activities[${i}]`, message: (e as Error).message }] };
  }
}

export interface ImportJob {
  filename: string;
  bytes: Uint8Array;
}

/** The format of an upload: by its first bytes (a zip is .xlsx), then by its name. */
export function importFormat(filename: string, bytes: Uint8Array): ImportReport["format"] {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  if (/\.json$/i.test(filename) || head.startsWith("{")) return "json";
  return "csv";
}

/** Read an uploaded lesson file, Kahoot sheet or CSV: what it would import, and every problem. */
export async function importFile(job: ImportJob): Promise<ImportReport> {
  const format = importFormat(job.filename, job.bytes);
  if (format !== "json") return readSpreadsheet(format, job.bytes, job.filename);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(job.bytes).replace(/^\uFEFF/, ""));
  } catch (e) {
    return { format, lesson: null, accepted: 0, problems: [{ row: null, path: null, reason: `not a JSON file: ${(e as Error).message}` }] };
  }
  const bound = draftProblem(json, job.bytes.length);
  if (bound) return { format, lesson: null, accepted: 0, problems: [{ row: null, path: null, reason: bound }] };
  const draft = withoutSchemaRef(json);
  const shape = LessonSchema.safeParse(draft);
  const check = checkDraft(draft);
  const problems = check.errors.map((e) => ({ row: null, path: e.path, reason: e.message }));
  // A file of the wrong shape cannot become a draft the editor understands; one whose meaning
  // has problems can (the editor points at each, and publishing waits until they are fixed).
  if (!shape.success) return { format, lesson: null, accepted: 0, problems };
  return { format, lesson: draft as ImportReport["lesson"], accepted: shape.data.activities.length, problems };
}
