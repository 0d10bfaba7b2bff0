import { z } from "zod";
import type { StudentQuestionView } from "../questions/render.ts";
import type { ClassGrid } from "../practice/classGrid.ts";
import type { NodeStatus } from "../practice/course.ts";
import type { MasteryLevel } from "../practice/mastery.ts";
import type { PracticeFeedback } from "../practice/item.ts";

/**
 * The practice HTTP API (docs/PROTOCOL.md "Practice"): request bodies as zod schemas (server
 * and web share them), responses as types. Students are identified by their device cookie;
 * teachers by their sign-in.
 */

const classCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/, "a class code is 4–8 letters and digits");
const linkCode = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, "that personal link is not complete");
/** A PIN the student chooses: 4 to 6 digits. */
export const PinSchema = z.string().trim().regex(/^[0-9]{4,6}$/, "a PIN is 4 to 6 digits");
const name = z.string().max(200);
const skillId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "malformed skill id");
const idempotencyKey = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "malformed idempotency key");

/** A new student: the class code (or the code of a live class run for it), their name, a PIN they choose. */
export const ClassJoinSchema = z.object({ code: classCode, name, pin: PinSchema }).strict();
/** Back on a device: the class code and name, or the personal link's code; and the PIN. */
export const ClassSignInSchema = z.union([
  z.object({ code: classCode, name, pin: PinSchema }).strict(),
  z.object({ linkCode, pin: PinSchema }).strict(),
]);
export const PracticeNextSchema = z.object({ skill: skillId, assignmentId: z.string().max(64).optional() }).strict();
export const PracticeAttemptSchema = z.object({
  itemId: z.string().min(1).max(64),
  answer: z.union([z.string().max(4000), z.array(z.string().max(64)).max(12)]),
  idempotencyKey,
}).strict();

export const ClassroomCreateSchema = z.object({ name: z.string().trim().min(1, "give the class a name").max(80) }).strict();
export const ClassroomUpdateSchema = z.object({ name: z.string().trim().min(1).max(80).optional(), joinOpen: z.boolean().optional() }).strict()
  .refine((o) => Object.keys(o).length > 0, "change at least one of name, joinOpen");
export const StudentRenameSchema = z.object({ name }).strict();
export const StudentMergeSchema = z.object({ into: z.string().min(1).max(64) }).strict();
export const AssignmentCreateSchema = z.object({
  title: z.string().trim().min(1, "give the assignment a title").max(120),
  skills: z.array(skillId).min(1, "pick at least one skill").max(20),
  /** ISO date-time; the end of that day is the teacher's to choose. */
  dueAt: z.string().datetime({ offset: true }).nullable().optional(),
}).strict();
export const ClassSessionCreateSchema = z.object({ lessonId: z.string().max(64).optional() }).strict();

/** Who a signed-in device is. */
/** Who a signed-in device is: their name, their class (its name and 7-character code) and their personal link code. */
export interface StudentIdentity { name: string; className: string; classCode: string; linkCode: string }

export interface LookupClass { className: string; teacherName: string; joinOpen: boolean }

export interface SkillState {
  skill: string;
  title: string;
  description: string | null;
  level: MasteryLevel;
  streak: number;
  needed: number;
  attempts: number;
  unlocked: boolean;
  /** Why practising it is closed (what to master first), when it is. */
  lockedReason: string | null;
  review: { due: number; isDue: boolean } | null;
  misconceptions: { key: string; label: string; count: number }[];
}

export interface CourseNodeView {
  id: string;
  title: string;
  summary: string;
  kind: "lesson" | "diagnostic" | "upcoming";
  status: NodeStatus;
  /** Titles of the prerequisite nodes still to master. */
  needs: string[];
  skills: SkillState[];
}

export interface StudentHome {
  student: StudentIdentity;
  courseTitle: string;
  nodes: CourseNodeView[];
  /** Mastered skills due for review now. */
  dueReviews: { skill: string; title: string; due: number }[];
  assignments: { id: string; title: string; dueAt: number | null; skills: { skill: string; title: string; mastered: boolean }[]; complete: boolean }[];
  /** A live class of this class running now (its join code). */
  live: { code: string; lessonTitle: string } | null;
  serverTime: number;
}

/** An item on the phone: a question in the student's own numbers, never its answer. */
export interface PracticeItemView {
  itemId: string;
  skill: string;
  skillTitle: string;
  question: StudentQuestionView;
  hasHint: boolean;
  /** The hint text, when the student already opened it for this item. */
  hint: string | null;
  state: SkillState;
}

export interface PracticeAttemptResult {
  itemId: string;
  feedback: PracticeFeedback;
  /** The skill after this attempt (the server's count: the phone shows it, never guesses it). */
  state: SkillState;
  /** The hint was opened before this answer: right or not, it does not count toward mastery. */
  hintUsed: boolean;
  /** This attempt made the skill mastered. */
  mastered: boolean;
  /** Course nodes and skills this attempt opened. */
  unlocked: string[];
  /** A resend of an attempt already stored: its stored result, not a second attempt. */
  duplicate: boolean;
}

export interface ClassroomSummary {
  id: string;
  name: string;
  code: string;
  joinOpen: boolean;
  students: number;
  createdAt: string;
  live: { sessionId: string; code: string } | null;
}

export interface RosterStudent { id: string; name: string; createdAt: string; linkCode: string; locked: boolean; participations: number; attempts: number }

export interface ClassroomDetail extends ClassroomSummary {
  /** Where students join the roster (the class page; a QR of it). */
  joinUrl: string;
  roster: RosterStudent[];
  sessions: { id: string; code: string; lessonTitle: string; status: string; createdAt: string }[];
}

export interface MasteryGridView extends ClassGrid {
  now: number;
}

export interface EvidenceItem {
  at: number;
  source: "practice" | "live";
  skill: string;
  questionId: string;
  /** Where it was answered: a practice set or a live class (its lesson's title). */
  where: string;
  correct: boolean | null;
  hintUsed: boolean;
  mistake: string | null;
}
