import type { Evidence } from "./evidence.ts";
import { isMastered, skillMastery, type MasteryLevel, type MasteryOptions } from "./mastery.ts";
import type { Misconception } from "./misconceptions.ts";
import { reviewDue, reviewSchedule } from "./schedule.ts";

/** A week, for "the most common named mistakes in practice this week". */
export const WEEK_MS = 7 * 86_400_000;

export interface GridCell {
  level: MasteryLevel;
  streak: number;
  attempts: number;
  correct: number;
  hintsUsed: number;
  stuck: boolean;
  reviewDue: boolean;
  misconceptions: Misconception[];
}

export interface GridAssignment {
  id: string;
  title: string;
  skills: string[];
  dueAt: number | null;
}

export interface ClassGrid {
  skills: { id: string; title: string }[];
  rows: { studentId: string; name: string; cells: Record<string, GridCell>; mastered: number }[];
  /** Many answers on a skill and no mastery, most answers first. */
  stuck: { studentId: string; name: string; skill: string; attempts: number }[];
  /** Named mistakes made in practice during the last week, most often first. */
  commonMistakes: { key: string; label: string; count: number; students: number }[];
  /** Per assignment: who has mastered every skill of it. */
  assignments: (GridAssignment & { complete: number; of: number; perStudent: Record<string, { mastered: number; total: number }> })[];
}

export interface ClassGridInput {
  students: readonly { id: string; name: string }[];
  skills: readonly { id: string; title: string }[];
  evidence: ReadonlyMap<string, readonly Evidence[]>;
  assignments: readonly GridAssignment[];
  now: number;
  options?: MasteryOptions;
}

/**
 * The teacher's view of a class: students × skills (the mastery rule per cell, a review due),
 * who is stuck, this week's common named mistakes in practice, and assignment completion. Pure,
 * so the screen, the CSV export and the tests count the same way.
 */
export function classGrid(input: ClassGridInput): ClassGrid {
  const { students, skills, evidence, now } = input;
  const stuck: ClassGrid["stuck"] = [];
  const mistakes = new Map<string, { key: string; label: string; count: number; students: Set<string> }>();
  const masteredBy = new Map<string, Set<string>>();
  const rows = students.map((st) => {
    const history = evidence.get(st.id) ?? [];
    const cells: Record<string, GridCell> = {};
    const masteredSkills = new Set<string>();
    for (const { id: skill } of skills) {
      const m = skillMastery(skill, history, input.options);
      const schedule = reviewSchedule(skill, m, history);
      cells[skill] = {
        level: m.level, streak: m.streak, attempts: m.attempts, correct: m.correct, hintsUsed: m.hintsUsed, stuck: m.stuck,
        reviewDue: reviewDue(schedule, now), misconceptions: m.misconceptions,
      };
      if (isMastered(m)) masteredSkills.add(skill);
      if (m.stuck) stuck.push({ studentId: st.id, name: st.name, skill, attempts: m.attempts });
    }
    masteredBy.set(st.id, masteredSkills);
    for (const e of history) {
      if (e.source !== "practice" || !e.mistake || e.at < now - WEEK_MS || e.at > now) continue;
      const m = mistakes.get(e.mistake.key) ?? { key: e.mistake.key, label: e.mistake.label, count: 0, students: new Set<string>() };
      m.count++;
      m.students.add(st.id);
      mistakes.set(e.mistake.key, m);
    }
    return { studentId: st.id, name: st.name, cells, mastered: masteredSkills.size };
  });
  stuck.sort((a, b) => b.attempts - a.attempts || a.name.localeCompare(b.name));
  const commonMistakes = [...mistakes.values()]
    .map((m) => ({ key: m.key, label: m.label, count: m.count, students: m.students.size }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const assignments = input.assignments.map((a) => {
    const perStudent: Record<string, { mastered: number; total: number }> = {};
    let complete = 0;
    for (const st of students) {
      const have = masteredBy.get(st.id)!;
      const mastered = a.skills.filter((s) => have.has(s)).length;
      perStudent[st.id] = { mastered, total: a.skills.length };
      if (mastered === a.skills.length) complete++;
    }
    return { ...a, complete, of: students.length, perStudent };
  });
  return { skills: [...skills], rows, stuck, commonMistakes, assignments };
}
