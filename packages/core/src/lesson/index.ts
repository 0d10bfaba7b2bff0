/** Lessons: the file format, validation, and the built-in Regularization lesson. */
import { checkLesson } from "./validate.ts";
import { regularizationLesson } from "./regularization.ts";
import type { Lesson } from "./schema.ts";

export * from "./schema.ts";
export * from "./validate.ts";
export * from "./jsonSchema.ts";
export * from "./importRows.ts";
export * from "./limits.ts";
export { regularizationLesson } from "./regularization.ts";

let builtIn: Lesson | null = null;

/** The built-in lesson, validated (and with defaults filled in) once. */
export function builtInLesson(): Lesson {
  if (builtIn === null) {
    const checked = checkLesson(regularizationLesson);
    if (!checked.ok) throw new Error(`built-in lesson is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    builtIn = checked.lesson;
  }
  return builtIn;
}
export * from "./texFields.ts";
