import type { Lesson, LessonSimulation } from "../lesson/schema.ts";
import type { QuestionRuntime, SessionContext, SessionState } from "./state.ts";
import { publicState, type PublicState } from "./views.ts";
import { finalAttempt } from "../score/definition.ts";

/**
 * What the teacher's screens (console and projector) are sent. Built here, beside the
 * students' views, in pure code: the server only chooses who receives which.
 */

/** The lesson as the teacher's screens list it: titles, notes, prompts, options, mistake labels — no answers, formulas or feedback. */
export interface LessonOutline {
  id: string;
  title: string;
  activities: {
    id: string;
    kind: string;
    title: string;
    teacherNotes: string | null;
    simulation: LessonSimulation | null;
    /** Prompts and options, and each named mistake's label (a results bar reads "Used 1 − ηλ (dropped the 2)", not a key). */
    questions: { id: string; kind: string; prompt: string; options?: { id: string; text: string }[]; mistakes?: { key: string; label: string }[] }[];
  }[];
}

export interface RosterEntry {
  id: string;
  nickname: string;
  removed: boolean;
  connected: boolean;
}

/** A state broadcast to teachers: the public state plus what only the teacher may see. */
export interface TeacherUpdate extends PublicState {
  code: string;
  joinLocked: boolean;
  projectorQuestion: string | null;
  questionRuntime: Record<string, QuestionRuntime>;
}

/** Everything a console needs on attach; later updates leave out the outline and the roster. */
export interface TeacherState extends TeacherUpdate {
  lesson: LessonOutline;
  participants: RosterEntry[];
}

/** Live answer statistics for the teacher (and, when the teacher chooses, the projector). */
export interface QuestionProgress {
  questionId: string;
  kind: string;
  status: string;
  answered: number;
  /** Counts per bucket: option ids for choices; correct / named mistakes / other / invalid otherwise. */
  distribution: Record<string, number>;
  /** Who has answered (participant ids), so the console can tick names off. */
  answeredBy: string[];
  /** Short-text answers, without names, for discussion on the projector. */
  texts?: string[];
}

export interface ClassProgress {
  joined: number;
  connected: number;
  questions: QuestionProgress[];
  /** The participant list, included only when it changed since the last message. */
  participants?: RosterEntry[];
}

export function teacherUpdate(s: SessionState, ctx: SessionContext): TeacherUpdate {
  return { ...publicState(s, ctx), code: s.code, joinLocked: s.joinLocked, projectorQuestion: s.projectorQuestion, questionRuntime: s.questions };
}

export function teacherState(s: SessionState, ctx: SessionContext, outline: LessonOutline, connected: ReadonlySet<string>): TeacherState {
  return { ...teacherUpdate(s, ctx), lesson: outline, participants: roster(s, connected) };
}

/** The lesson without its answers, for the console (computed once per room: lessons do not change). */
export function lessonOutline(lesson: Lesson): LessonOutline {
  return {
    id: lesson.id,
    title: lesson.title,
    activities: lesson.activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      teacherNotes: a.teacherNotes ?? null,
      simulation: a.simulation ?? null,
      questions: a.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: q.kind === "single" || q.kind === "multiple" ? q.options.map((o) => ({ id: o.id, text: o.text })) : undefined,
        mistakes: q.kind === "numeric" || q.kind === "expression" ? q.mistakes.map((m) => ({ key: m.key, label: m.label })) : undefined,
      })),
    })),
  };
}

export function roster(s: SessionState, connected: ReadonlySet<string>): RosterEntry[] {
  return Object.values(s.participants).map((p) => ({ id: p.id, nickname: p.nickname, removed: p.removed, connected: connected.has(p.id) }));
}

export function classProgress(s: SessionState, lesson: Lesson, connected: ReadonlySet<string>, withRoster: boolean): ClassProgress {
  let joined = 0;
  for (const p of Object.values(s.participants)) if (!p.removed) joined++;
  const progress: ClassProgress = { joined, connected: connected.size, questions: questionProgress(s, lesson) };
  if (withRoster) progress.participants = roster(s, connected);
  return progress;
}

/** Answer counts for the current activity's asked questions (the last attempt of each student counts). */
export function questionProgress(s: SessionState, lesson: Lesson): QuestionProgress[] {
  const activity = lesson.activities[s.activityIndex];
  const out: QuestionProgress[] = [];
  for (const q of activity?.questions ?? []) {
    const rt = s.questions[q.id];
    if (!rt) continue;
    const byParticipant = s.answers[q.id] ?? {};
    const distribution: Record<string, number> = {};
    const texts: string[] = [];
    const answeredBy: string[] = [];
    const bump = (k: string) => { distribution[k] = (distribution[k] ?? 0) + 1; };
    for (const [pid, attempts] of Object.entries(byParticipant)) {
      const last = finalAttempt(attempts); // the one definition of the attempt that counts
      if (!last) continue;
      answeredBy.push(pid);
      const r = last.result;
      if (q.kind === "single") {
        if (typeof last.answer === "string") bump(last.answer);
      } else if (q.kind === "multiple") {
        if (Array.isArray(last.answer)) for (const a of last.answer) bump(String(a));
      } else if (q.kind === "text") {
        if (r.status !== "invalid" && r.normalized !== undefined) texts.push(r.normalized);
        else if (typeof last.answer === "string") texts.push(last.answer.trim());
        bump(r.status);
      } else {
        bump(r.status === "correct" ? "correct" : r.status === "invalid" ? "invalid" : (r.feedbackKey ?? "other"));
      }
    }
    out.push({ questionId: q.id, kind: q.kind, status: rt.status, answered: answeredBy.length, distribution, answeredBy, ...(q.kind === "text" ? { texts } : {}) });
  }
  return out;
}
