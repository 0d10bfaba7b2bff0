import { builtInLesson } from "../lesson/index.ts";
import type { Lesson } from "../lesson/schema.ts";
import { checkLesson } from "../lesson/validate.ts";
import { checkCourse, type Course } from "./course.ts";
import { convexOptimizationDiagnostic } from "./sets/convexOptimization.ts";
import { neuralNetworksDiagnostic } from "./sets/neuralNetworks.ts";
import { regularizationExtraPractice } from "./sets/regularizationExtra.ts";

/**
 * The built-in course, the tree the source study page places regularization in: Neural
 * Networks and Convex Optimization before it, Deep Learning after. Until those lessons exist,
 * each prerequisite is a short diagnostic practice set (diagnostics/), and Deep Learning is a
 * topic still to come. A few practice-only questions (sets/regularizationExtra.ts) give every
 * skill enough variants to be mastered on fresh ones.
 */
export const REGULARIZATION_COURSE: Course = {
  id: "regularization-path",
  title: "Regularization and what it builds on",
  nodes: [
    {
      id: "neural-networks", kind: "diagnostic", lessonId: "nn-diagnostic", title: "Neural networks: a gradient step",
      summary: "A short check of the gradient step that every penalty modifies.", skills: ["gradient-step"], prerequisites: [],
    },
    {
      id: "convex-optimization", kind: "diagnostic", lessonId: "convex-diagnostic", title: "Convex optimization: convexity checks",
      summary: "A short check: which functions are convex, and where a convex quadratic has its minimum.", skills: ["convexity-check"], prerequisites: [],
    },
    {
      id: "regularization", kind: "lesson", lessonId: "regularization", title: "Regularization",
      summary: "L1, L2 and weight decay, dropout, early stopping, and choosing among them.",
      skills: ["penalty-values", "l2-decay", "l1-soft-threshold", "dropout-scaling", "early-stopping", "choosing-regularization", "adam-weight-decay"],
      prerequisites: ["neural-networks", "convex-optimization"],
    },
    {
      id: "deep-learning", kind: "upcoming", lessonId: null, title: "Deep learning",
      summary: "Coming later: deep networks and how regularization carries over to them.", skills: [], prerequisites: ["regularization"],
    },
  ],
};

export interface CourseMaterial {
  course: Course;
  /** The lessons its skills are practised from (a skill's questions in any of them), checked (defaults filled in). */
  lessons: Lesson[];
  /** Every skill the lessons declare, by id: titles for screens and exports. */
  skills: Map<string, { id: string; title: string; description?: string }>;
}

let cached: CourseMaterial | null = null;

/** The built-in course with its lessons, validated once (a broken built-in course is a bug: it throws). */
export function builtInCourse(): CourseMaterial {
  if (cached) return cached;
  const lessons = [builtInLesson()];
  for (const input of [neuralNetworksDiagnostic, convexOptimizationDiagnostic, regularizationExtraPractice]) {
    const checked = checkLesson(input);
    if (!checked.ok) throw new Error(`built-in practice set ${input.id} is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    lessons.push(checked.lesson);
  }
  const skills = new Map<string, { id: string; title: string; description?: string }>();
  for (const l of lessons) for (const s of l.skills) skills.set(s.id, s);
  const problems = checkCourse(REGULARIZATION_COURSE, new Set(skills.keys()));
  if (problems.length) throw new Error(`built-in course is invalid: ${problems.join("; ")}`);
  cached = { course: REGULARIZATION_COURSE, lessons, skills };
  return cached;
}
