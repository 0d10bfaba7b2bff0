import { z } from "zod";

/**
 * Question templates as data (zod-validated), so a teacher's lesson file can carry its own
 * questions. Formulas are mathjs expressions over the template's parameters, evaluated on
 * the server only: a student's browser never receives them.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "ids are lowercase letters, digits and dashes (max 64)");
const expr = z.string().min(1).max(500);
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, "parameter names are letters, digits and _");

/** A per-student parameter: one of `values`, chosen from the student's seed. */
export const ParamSpecSchema = z.object({
  values: z.array(z.number().finite()).min(1).max(100),
  /** How the value appears in prompts (e.g. "η"); defaults to the name. */
  label: z.string().max(40).optional(),
});

export const ToleranceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("abs"), value: z.number().nonnegative() }),
  z.object({ type: z.literal("rel"), value: z.number().nonnegative() }),
  z.object({ type: z.literal("sigfigs"), value: z.number().int().min(1).max(15) }),
]);

/** Plain text for a person (the projector shows it as is): no TeX, so no `$` and no backslash. */
export const plainText = (max: number) =>
  z.string().trim().min(1).max(max).refine((s) => !/[$\\]/.test(s), "plain text only: no $ and no backslash (write λ, η, ‖w‖ as Unicode)");

/** "linear-not-compound" → "Linear not compound": the label of a mistake that has none. */
export function labelFromKey(key: string): string {
  const words = key.replace(/-+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A common wrong answer with the feedback that names the mistake. `label` is what a person
 * sees in results bars and reports ("Used 1 − ηλ (dropped the 2)"); lessons should give one,
 * and a missing one defaults to the key in words.
 */
export const MistakeSchema = z
  .object({
    key: id,
    label: plainText(80).optional(),
    answer: expr,
    feedback: z.string().min(1).max(1000),
  })
  .transform((m) => ({ ...m, label: m.label ?? labelFromKey(m.key) }));

/** At most this many per-student parameters per question (their value lists multiply). */
export const MAX_QUESTION_PARAMS = 10;
/** At most this many skills per question. */
export const MAX_QUESTION_SKILLS = 5;

const base = {
  id,
  /** TeX-flavoured text ($…$ for math); {{name}} inserts a parameter, {{= expr}} a computed value. */
  prompt: z.string().min(1).max(4000),
  params: z
    .record(identifier, ParamSpecSchema)
    .refine((p) => Object.keys(p).length <= MAX_QUESTION_PARAMS, `at most ${MAX_QUESTION_PARAMS} per-student parameters per question`)
    .default({}),
  hint: z.string().max(2000).optional(),
  /** Worked solution shown after the reveal (same placeholders as the prompt). */
  solution: z.string().max(4000).optional(),
  /** Points toward the score; 0 for polls and warm-ups. */
  points: z.number().min(0).max(100).default(1),
  /** Answers allowed per student (the last one counts). */
  attempts: z.number().int().min(1).max(10).default(1),
  /**
   * Seconds students get when the teacher opens the question without choosing a timer
   * (imported from Kahoot's "time limit"); none by default.
   */
  timeLimitSec: z.number().int().min(5).max(3600).optional(),
  /**
   * The skills this question exercises (ids the lesson declares in its `skills`): its answers,
   * live or in practice, are evidence of those skills (docs/PRACTICE.md).
   */
  skills: z.array(id).max(MAX_QUESTION_SKILLS).default([]),
};

export const OptionSchema = z.object({
  id,
  text: z.string().min(1).max(1000),
  /** Shown after the reveal to students who picked this option. */
  feedback: z.string().max(1000).optional(),
});

/** Decided by a simulation: the option whose expected changes match what the run shows. */
export const PredictionSchema = z.object({
  presetId: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
  seed: z.number().int().default(1),
  /** The change the class predicts the effect of, and when it happens. */
  // Bounded so resolving a prediction (one simulation run on the server) stays quick.
  changeAt: z.number().int().min(0).max(5_000),
  change: z.record(z.string(), z.union([z.number(), z.string()])),
  /** Compare metrics at changeAt and at changeAt + horizon. */
  horizon: z.number().int().min(1).max(5_000),
  outcomes: z.record(id, z.partialRecord(z.enum(["trainLoss", "valLoss", "l2NormSq", "l1Norm", "zeroWeights"]), z.enum(["up", "down", "same"]))),
});

export const NumericQuestionSchema = z.object({
  ...base,
  kind: z.literal("numeric"),
  answer: expr,
  tolerance: ToleranceSchema.default({ type: "rel", value: 1e-3 }),
  mistakes: z.array(MistakeSchema).max(20).default([]),
});

export const ExpressionVariableSchema = z.object({
  name: identifier,
  /** Other spellings students use for the same variable (e.g. w for w_j). */
  aliases: z.array(z.string().max(32)).max(10).default([]),
  /** Range the equivalence check samples from. */
  min: z.number().finite().default(0.5),
  max: z.number().finite().default(2),
});

export const ExpressionQuestionSchema = z.object({
  ...base,
  kind: z.literal("expression"),
  answer: expr,
  variables: z.array(ExpressionVariableSchema).min(1).max(10),
  mistakes: z.array(MistakeSchema).max(20).default([]),
});

export const SingleChoiceQuestionSchema = z.object({
  ...base,
  kind: z.literal("single"),
  options: z.array(OptionSchema).min(2).max(12),
  /** The correct option; omitted for prediction questions (decided by the simulation). */
  correct: id.optional(),
  prediction: PredictionSchema.optional(),
  shuffle: z.boolean().default(true),
});

export const MultipleChoiceQuestionSchema = z.object({
  ...base,
  kind: z.literal("multiple"),
  options: z.array(OptionSchema).min(2).max(12),
  correct: z.array(id).min(1),
  shuffle: z.boolean().default(true),
});

export const TextQuestionSchema = z.object({
  ...base,
  kind: z.literal("text"),
  maxLength: z.number().int().min(1).max(2000).default(500),
  /** Show answers anonymously on the projector for discussion. */
  showOnProjector: z.boolean().default(true),
});

export const QuestionTemplateSchema = z.discriminatedUnion("kind", [
  NumericQuestionSchema,
  ExpressionQuestionSchema,
  SingleChoiceQuestionSchema,
  MultipleChoiceQuestionSchema,
  TextQuestionSchema,
]);

export type QuestionTemplate = z.infer<typeof QuestionTemplateSchema>;
export type QuestionTemplateInput = z.input<typeof QuestionTemplateSchema>;
export type NumericQuestion = z.infer<typeof NumericQuestionSchema>;
export type ExpressionQuestion = z.infer<typeof ExpressionQuestionSchema>;
export type SingleChoiceQuestion = z.infer<typeof SingleChoiceQuestionSchema>;
export type MultipleChoiceQuestion = z.infer<typeof MultipleChoiceQuestionSchema>;
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
export type Tolerance = z.infer<typeof ToleranceSchema>;
export type Prediction = z.infer<typeof PredictionSchema>;
export type QuestionKind = QuestionTemplate["kind"];
