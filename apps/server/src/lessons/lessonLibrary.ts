import { builtInLesson, type Lesson } from "@livelab/core/lesson";
import type { LessonListItem, LessonStore } from "../db/lessonStore.ts";

/** A lesson as the library lists it: built-in ones (read-only) first, then the teacher's own. */
export interface LibraryItem extends LessonListItem {
  builtIn: boolean;
  summary: string;
}

/** What a class is started from: the lesson content and the exact version it is. */
export type StartableLesson =
  | { ok: true; lesson: Lesson; lessonId: string; versionId: string | null; versionNumber: number | null }
  | { ok: false; reason: "not-found" | "not-published" };

/**
 * The lessons a teacher can see and start: the built-in ones (read-only, the same for everyone)
 * and their own, stored in the database. The one place rooms and routes ask for lessons. Another
 * teacher's lesson is not found, exactly like a lesson that does not exist.
 */
export class LessonLibrary {
  constructor(private readonly store: LessonStore) {}

  builtIns(): Lesson[] {
    return [builtInLesson()];
  }

  builtIn(id: string): Lesson | null {
    return this.builtIns().find((l) => l.id === id) ?? null;
  }

  async list(teacherId: string): Promise<LibraryItem[]> {
    const builtIn: LibraryItem[] = this.builtIns().map((l) => ({
      id: l.id, title: l.title, summary: l.summary, activities: l.activities.length, updatedAt: "", latest: null, builtIn: true,
    }));
    const own = (await this.store.list(teacherId)).map((l) => ({ ...l, summary: "", builtIn: false }));
    return [...builtIn, ...own];
  }

  /** The lesson a class of `id` runs: a built-in one, or the newest published version of the teacher's own. */
  async forStart(id: string, teacherId: string): Promise<StartableLesson> {
    const builtIn = this.builtIn(id);
    if (builtIn) return { ok: true, lesson: builtIn, lessonId: id, versionId: null, versionNumber: null };
    const exists = await this.store.get(id, teacherId);
    if (!exists) return { ok: false, reason: "not-found" };
    const v = await this.store.version(id, teacherId);
    if (!v) return { ok: false, reason: "not-published" };
    return { ok: true, lesson: v.content, lessonId: id, versionId: v.id, versionNumber: v.number };
  }
}
