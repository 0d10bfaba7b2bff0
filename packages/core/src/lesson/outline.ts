import type { Lesson } from "./schema.ts";

/**
 * What the teacher's screens (console, projector) need of a lesson: titles, notes, prompts,
 * options, and each named mistake's label so a results bar reads "Used 1 − ηλ (dropped the
 * 2)" instead of a key. No answers, formulas or feedback: those stay on the server.
 */
export function teacherOutline(lesson: Lesson) {
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

export type TeacherOutline = ReturnType<typeof teacherOutline>;
