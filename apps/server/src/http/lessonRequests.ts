import { z } from "zod";

/**
 * The lesson routes' request bodies. A draft is any JSON object here: it may be unfinished,
 * and its bounds (size, nesting, activity count) and meaning are checked by the lesson code.
 */
const draft = z.record(z.string(), z.unknown());

export const LessonDraftSchema = z.object({ draft: draft.optional() }).strict();
export const SaveDraftSchema = z.object({ draft, revision: z.number().int().min(0) }).strict();
export const PublishSchema = z.object({ revision: z.number().int().min(0) }).strict();
export const LessonPreviewSchema = z.object({
  draft,
  activityIndex: z.number().int().min(0).max(10_000),
  seed: z.number().int().min(0).max(0xffffffff),
  /** "Try an answer": by question id, what the teacher typed or chose. */
  answers: z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(64)).max(12)])).optional(),
}).strict();
