import type { Lesson, LessonSimulation } from "../lesson/schema.ts";
import { paramSymbols, stagePrompt, type ParamSymbol } from "../questions/stageText.ts";
import { correctOptions, optionLetters, resultBars, tally, type ResultBar } from "./resultBars.ts";
import type { QuestionRuntime, SessionContext, SessionState, StageState } from "./state.ts";
import { publicState, type PublicState } from "./views.ts";

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
    questions: OutlineQuestion[];
  }[];
}

export interface OutlineQuestion {
  id: string;
  kind: string;
  prompt: string;
  /** The prompt with every student's numbers as symbols (what the projector shows). */
  stagePrompt: string;
  /** Each per-student number and the values students draw it from ("η: 0.05, 0.1 or 0.2"). */
  params: ParamSymbol[];
  /** Options in the class's order, lettered as on the projector and the phones. */
  options?: { id: string; text: string; letter: string }[];
  mistakes?: { key: string; label: string }[];
  /** Points toward the score (0: a poll). */
  points: number;
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
  /** What the projector shows besides the activity (blank, join card, names, podium). */
  stage: StageState;
  /** When the current view-only pairing was made (null: no paired screen may attach). */
  pairedAt: number | null;
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
  /** Counts per bucket: option ids for choices; correct / named mistake keys / other otherwise. */
  distribution: Record<string, number>;
  /** The same counts as labelled bars (the right answer marked: the teacher may know it). */
  bars: ResultBar[];
  /** Who has answered (participant ids), so the console can tick names off. */
  answeredBy: string[];
  /** Who sent only answers that could not be read ("tried — unreadable", not "waiting"). */
  unreadableBy: string[];
  /** Short-text answers for the wall, with who wrote them and whether the teacher hid them. */
  texts?: { participantId: string; text: string; hidden: boolean }[];
}

export interface ClassProgress {
  joined: number;
  connected: number;
  questions: QuestionProgress[];
  /** The participant list, included only when it changed since the last message. */
  participants?: RosterEntry[];
}

export function teacherUpdate(s: SessionState, ctx: SessionContext): TeacherUpdate {
  return {
    ...publicState(s, ctx), code: s.code, joinLocked: s.joinLocked, projectorQuestion: s.projectorQuestion, questionRuntime: s.questions,
    stage: s.stage, pairedAt: s.pairing?.at ?? null,
  };
}

export function teacherState(s: SessionState, ctx: SessionContext, outline: LessonOutline, connected: ReadonlySet<string>): TeacherState {
  return { ...teacherUpdate(s, ctx), lesson: outline, participants: roster(s, connected) };
}

/** The lesson without its answers, for the console (computed once per room: lessons and seeds do not change). */
export function lessonOutline(lesson: Lesson, sessionSeed: number): LessonOutline {
  return {
    id: lesson.id,
    title: lesson.title,
    activities: lesson.activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      teacherNotes: a.teacherNotes ?? null,
      simulation: a.simulation ?? null,
      questions: a.questions.map((q) => {
        const letters = optionLetters(q, sessionSeed);
        return {
          id: q.id,
          kind: q.kind,
          prompt: q.prompt,
          stagePrompt: stagePrompt(q),
          params: paramSymbols(q),
          points: q.points,
          options: q.kind === "single" || q.kind === "multiple"
            ? q.options.map((o) => ({ id: o.id, text: o.text, letter: letters[o.id] })).sort((x, y) => x.letter.localeCompare(y.letter))
            : undefined,
          mistakes: q.kind === "numeric" || q.kind === "expression" ? q.mistakes.map((m) => ({ key: m.key, label: m.label })) : undefined,
        };
      }),
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
    const answeredBy = Object.keys(byParticipant).filter((pid) => byParticipant[pid].length > 0);
    const answered = new Set(answeredBy);
    const unreadableBy = Object.keys(s.unreadable[q.id] ?? {}).filter((pid) => !answered.has(pid) && !s.participants[pid]?.removed);
    const distribution = tally(q, byParticipant);
    const bars = resultBars(q, distribution, unreadableBy.length, { sessionSeed: s.seed, correctIds: correctOptions(q, rt.predictionOutcome) });
    const progress: QuestionProgress = { questionId: q.id, kind: q.kind, status: rt.status, answered: answeredBy.length, distribution, bars, answeredBy, unreadableBy };
    if (q.kind === "text") progress.texts = wallTexts(s, q.id);
    out.push(progress);
  }
  return out;
}

/** The written answers to a text question in the order they came (the last attempt of each student). */
export function wallTexts(s: SessionState, questionId: string): { participantId: string; text: string; hidden: boolean; at: number }[] {
  const hidden = s.hiddenTexts[questionId] ?? {};
  const out: { participantId: string; text: string; hidden: boolean; at: number }[] = [];
  for (const [participantId, attempts] of Object.entries(s.answers[questionId] ?? {})) {
    const last = attempts.at(-1);
    if (!last || s.participants[participantId]?.removed) continue;
    const text = last.result.normalized ?? (typeof last.answer === "string" ? last.answer.trim() : "");
    if (text) out.push({ participantId, text, hidden: hidden[participantId] === true, at: last.at });
  }
  return out.sort((a, b) => a.at - b.at);
}
