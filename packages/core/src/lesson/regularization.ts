import type { LessonInput } from "./schema.ts";
import { dropoutActivities } from "./regularization/dropout.ts";
import { exitTicket } from "./regularization/exitTicket.ts";
import { overfittingActivities } from "./regularization/overfitting.ts";
import { penaltyActivities } from "./regularization/penalties.ts";
import { practiceActivities } from "./regularization/practice.ts";

/**
 * The built-in lesson: Regularization (L1, L2 / weight decay, elastic net, dropout, early
 * stopping), in class order. Facts and formulas follow the source study page; the wording is
 * LiveLab's own. Prompts are TeX-flavoured ($…$); {{name}} inserts a student's parameter and
 * {{= formula}} a value computed on the server. Every number quoted in a note or cue comes
 * from running the presets with `npx livelab sim` (the command is named beside each part).
 */
export const regularizationLesson: LessonInput = {
  format: "livelab-lesson",
  version: 1,
  id: "regularization",
  title: "Regularization: L1, L2, dropout and early stopping",
  summary: "Why a model that fits its training data perfectly can still be a bad model, and the standard tools that prevent it: penalties on the weights (L2 / weight decay, L1, elastic net), dropout, and early stopping.",
  activities: [...overfittingActivities, ...penaltyActivities, ...dropoutActivities, ...practiceActivities, exitTicket],
};
