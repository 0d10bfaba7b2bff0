import { z } from "zod";
import { LessonSchema } from "./schema.ts";

/** Where a LiveLab server publishes the schema (and what exported lesson files point at). */
export const LESSON_SCHEMA_PATH = "/schema/livelab-lesson-v1.json";

/**
 * The lesson format as a JSON Schema (draft 2020-12), generated from the zod schema so the two
 * cannot drift. It describes the file as written (`io: "input"`: defaults may be left out).
 * Checks that need code — formulas, TeX, named mistakes told apart — are `checkLesson`'s; the
 * schema gives editors autocompletion and catches shape mistakes as you type.
 */
export function lessonJsonSchema(id?: string): Record<string, unknown> {
  const generated = z.toJSONSchema(LessonSchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    ...(id ? { $id: id } : {}),
    title: "LiveLab lesson",
    description: "A LiveLab lesson file (docs/LESSON_FORMAT.md). Validate its meaning with `npx livelab lesson check FILE`.",
    ...rest,
  };
}
