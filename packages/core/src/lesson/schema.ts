import { z } from "zod";
import { plainText, QuestionTemplateSchema } from "../questions/schema.ts";

/**
 * The lesson file format (see docs/LESSON_FORMAT.md): activities in class order, each a
 * simulation, a question set, a class experiment or a mix. Plain JSON, validated here.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "ids are lowercase letters, digits and dashes (max 64)");
const paramValues = z.record(z.string(), z.union([z.number(), z.string()]));

/** A simulation shown to the class, with suggested moments for the teacher. */
export const LessonSimulationSchema = z.object({
  presetId: z.string(),
  params: paramValues.default({}),
  seed: z.number().int().default(42),
  /** Suggested run length. */
  steps: z.number().int().min(1).max(1_000_000).optional(),
  /** Teacher cues: "at step 600, raise λ to 0.01". Not applied automatically. */
  cues: z
    .array(z.object({ atStep: z.number().int().min(0), say: z.string().max(1000), change: paramValues.optional() }))
    .max(20)
    .default([]),
});

export const LessonExperimentSchema = z.object({
  presetId: z.string(),
  params: paramValues.default({}),
  seed: z.number().int().default(42),
});

export const ACTIVITY_KINDS = ["poll", "simulation", "question", "experiment", "exit-ticket"] as const;

export const ActivitySchema = z.object({
  id,
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().min(1).max(200),
  /** What the projector shows beside the activity (TeX allowed). */
  body: z.string().max(4000).default(""),
  /** For the teacher's eyes only. */
  teacherNotes: z.string().max(4000).optional(),
  simulation: LessonSimulationSchema.optional(),
  experiment: LessonExperimentSchema.optional(),
  questions: z.array(QuestionTemplateSchema).max(20).default([]),
});

/**
 * A skill the lesson's questions exercise: an id its questions name in `skills`, and the words
 * a teacher and a student see (the mastery grid's column, the practice screen's title).
 */
export const SkillSchema = z.object({
  id,
  title: plainText(80),
  /** One sentence on what mastering it means. */
  description: plainText(300).optional(),
});

/** At most this many skills declared in one lesson. */
export const MAX_LESSON_SKILLS = 50;

/** At most this many questions in one lesson (every one is checked for every parameter set). */
export const MAX_LESSON_QUESTIONS = 300;
export const MAX_ACTIVITIES = 200;

export const LessonSchema = z.object({
  /** Where an editor finds the JSON Schema of this format (for autocompletion); ignored otherwise. */
  $schema: z.string().max(500).optional(),
  format: z.literal("livelab-lesson"),
  version: z.literal(1),
  id,
  title: z.string().min(1).max(200),
  summary: z.string().max(2000).default(""),
  /** The skills its questions exercise (each question names its own in `skills`). */
  skills: z.array(SkillSchema).max(MAX_LESSON_SKILLS).default([]),
  activities: z
    .array(ActivitySchema)
    .min(1)
    .max(MAX_ACTIVITIES)
    .refine((as) => as.reduce((n, a) => n + a.questions.length, 0) <= MAX_LESSON_QUESTIONS, `at most ${MAX_LESSON_QUESTIONS} questions in a lesson`),
});

export type Lesson = z.infer<typeof LessonSchema>;
export type LessonInput = z.input<typeof LessonSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type Skill = z.infer<typeof SkillSchema>;
export type LessonSimulation = z.infer<typeof LessonSimulationSchema>;
