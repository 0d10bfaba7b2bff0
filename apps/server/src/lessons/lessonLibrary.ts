import { builtInLesson, type Lesson } from "@livelab/core/lesson";

/**
 * The lessons a teacher can start. Today only the built-in one; teachers' own lessons (stored
 * in the database) join it here, so the routes and rooms ask one place.
 */
export function lessonById(id: string): Lesson | null {
  const lesson = builtInLesson();
  return id === lesson.id ? lesson : null;
}

export function listLessons(): { id: string; title: string; summary: string; activities: number }[] {
  const l = builtInLesson();
  return [{ id: l.id, title: l.title, summary: l.summary, activities: l.activities.length }];
}
