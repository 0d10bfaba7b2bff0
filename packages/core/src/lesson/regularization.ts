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
  // In practice order: a course practises them one after another (packages/core/src/practice).
  skills: [
    { id: "penalty-values", title: "Penalty values", description: "Compute the L1, L2 and elastic-net penalties of a weight vector." },
    { id: "l2-decay", title: "L2 weight decay", description: "Differentiate the L2 penalty and apply its 1 − 2ηλ factor, step by step and over many steps." },
    { id: "l1-soft-threshold", title: "L1 steps and exact zeros", description: "Take L1 subgradient and soft-thresholding steps, and say when a weight is exactly zero." },
    { id: "dropout-scaling", title: "Inverted dropout", description: "Scale kept activations by 1/p and know what changes at test time." },
    { id: "early-stopping", title: "Early stopping", description: "Find the stopping step, its implicit λ, and evaluate the chosen model honestly." },
    { id: "choosing-regularization", title: "Choosing regularization", description: "Read training and validation losses, and pick the regularizer and λ they call for." },
    { id: "adam-weight-decay", title: "Adam + L2 against AdamW", description: "Tell apart L2 in Adam's gradient from AdamW's decoupled weight decay." },
  ],
  activities: [...overfittingActivities, ...penaltyActivities, ...dropoutActivities, ...practiceActivities, exitTicket],
};
