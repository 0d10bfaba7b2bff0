import type { Lesson } from "../lesson/schema.ts";
import type { SessionReport } from "./types.ts";

/**
 * The same lesson taught to several sections, side by side: per keyed question each class's
 * correct rate, per question's named mistake each class's count (a key shared by several
 * questions stays one row per question: each question words its own mistake). Built
 * from the classes' reports, so every number is the one each class's own report shows.
 */
export interface ClassComparison {
  lessonId: string;
  lessonTitle: string;
  classes: { id: string; code: string; createdAt: number; status: string; participants: number; averageCorrectRate: number | null; completion: number | null }[];
  /** Questions asked in at least one class, in lesson order as first asked; cells null where a class was not asked it. */
  questions: { questionId: string; title: string; kind: string; classes: ({ answered: number; correctRate: number | null } | null)[] }[];
  /** Each question's named mistakes made in at least one class, most made first, with that question's label. */
  mistakes: { questionId: string; questionTitle: string; key: string; label: string; total: number; classes: number[] }[];
}

/** Compare classes of one lesson (the caller checks they are): oldest class first, questions in lesson order. */
export function compareClasses(lesson: Lesson, reports: readonly SessionReport[]): ClassComparison {
  const sorted = [...reports].sort((a, b) => a.session.createdAt - b.session.createdAt);
  const position = new Map(lesson.activities.flatMap((a) => a.questions).map((q, i) => [q.id, i]));
  const questions = new Map<string, ClassComparison["questions"][number] & { order: number }>();
  const mistakes = new Map<string, ClassComparison["mistakes"][number]>();
  sorted.forEach((r, i) => {
    for (const q of r.questions) {
      if (!q.keyed) continue;
      let row = questions.get(q.id);
      if (!row) questions.set(q.id, (row = { questionId: q.id, title: q.title, kind: q.kind, classes: sorted.map(() => null), order: position.get(q.id) ?? Number.MAX_SAFE_INTEGER }));
      row.classes[i] = { answered: q.answered, correctRate: q.correctRate };
      for (const m of q.mistakes) {
        if (m.count === 0) continue;
        const id = `${q.id}\u0000${m.key}`;
        let mrow = mistakes.get(id);
        if (!mrow) mistakes.set(id, (mrow = { questionId: q.id, questionTitle: q.title, key: m.key, label: m.label, total: 0, classes: sorted.map(() => 0) }));
        mrow.classes[i] += m.count;
        mrow.total += m.count;
      }
    }
  });
  return {
    lessonId: lesson.id,
    lessonTitle: lesson.title,
    classes: sorted.map((r) => ({
      id: r.session.id, code: r.session.code, createdAt: r.session.createdAt, status: r.session.status,
      participants: r.overview.participants, averageCorrectRate: r.overview.averageCorrectRate, completion: r.overview.completion,
    })),
    questions: [...questions.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...q }) => q),
    mistakes: [...mistakes.values()].sort((a, b) => b.total - a.total || (position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0)),
  };
}
