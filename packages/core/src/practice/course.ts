import { isMastered, type SkillMastery } from "./mastery.ts";
import { reviewDue, type ReviewSchedule } from "./schedule.ts";

/**
 * A course: lessons in a small graph of prerequisites (a DAG). A node is a lesson, a short
 * diagnostic practice set standing in for a lesson that does not exist yet, or a topic still to
 * come; its skills are practised in order. docs/PRACTICE.md "Gates".
 */
export interface CourseNode {
  id: string;
  title: string;
  /** One line on what the node is about. */
  summary: string;
  kind: "lesson" | "diagnostic" | "upcoming";
  /** The lesson whose questions practise the node's skills (null for an upcoming topic). */
  lessonId: string | null;
  /** In practice order: each unlocks when the one before it is mastered. */
  skills: string[];
  /** Nodes to master first. */
  prerequisites: string[];
}

export interface Course {
  id: string;
  title: string;
  nodes: CourseNode[];
}

/**
 * mastered: every skill mastered. in-progress: some evidence. available: open, nothing yet.
 * locked: a prerequisite is not mastered (or, for an upcoming topic, it has no practice yet).
 */
export type NodeStatus = "mastered" | "in-progress" | "available" | "locked";

export interface SkillProgress {
  skill: string;
  mastery: SkillMastery;
  /** Whether practising it is open: the skill before it in the node is mastered. */
  unlocked: boolean;
  /** The skill to master first when it is not unlocked. */
  after: string | null;
  /** Its review schedule once mastered, and whether a review is due now. */
  review: { due: number; isDue: boolean } | null;
}

export interface NodeProgress {
  node: CourseNode;
  status: NodeStatus;
  /** Prerequisite nodes not mastered yet (what is needed to unlock it). */
  missing: string[];
  skills: SkillProgress[];
}

export interface CourseProgress {
  nodes: NodeProgress[];
  /** Mastered skills whose review is due now, soonest due first. */
  dueReviews: { skill: string; due: number }[];
}

/** The problems of a course: unknown or repeated ids, unknown prerequisites, cycles, a skill in two nodes, unknown skills. */
export function checkCourse(course: Course, knownSkills: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const skillNode = new Map<string, string>();
  for (const n of course.nodes) {
    if (ids.has(n.id)) problems.push(`node ${n.id} appears twice`);
    ids.add(n.id);
    for (const s of n.skills) {
      if (!knownSkills.has(s)) problems.push(`node ${n.id}: no lesson declares the skill ${s}`);
      if (skillNode.has(s)) problems.push(`skill ${s} is in both ${skillNode.get(s)} and ${n.id}`);
      skillNode.set(s, n.id);
    }
  }
  for (const n of course.nodes) for (const p of n.prerequisites) if (!ids.has(p)) problems.push(`node ${n.id}: unknown prerequisite ${p}`);
  // Depth-first search for a cycle.
  const byId = new Map(course.nodes.map((n) => [n.id, n]));
  const state = new Map<string, "open" | "done">();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "open") {
      problems.push(`prerequisites go round in a circle: ${[...path.slice(path.indexOf(id)), id].join(" → ")}`);
      return;
    }
    state.set(id, "open");
    for (const p of byId.get(id)?.prerequisites ?? []) if (byId.has(p)) visit(p, [...path, id]);
    state.set(id, "done");
  };
  for (const n of course.nodes) visit(n.id, []);
  return problems;
}

/**
 * Where a student stands in a course: each node's status, what it still needs, each skill's
 * gate and review. Pure: mastery and schedules come from the history, `now` from the caller.
 */
export function courseProgress(course: Course, mastery: Readonly<Record<string, SkillMastery>>, schedules: Readonly<Record<string, ReviewSchedule | null>>, now: number): CourseProgress {
  const nodeMastered = new Map<string, boolean>();
  for (const n of course.nodes) nodeMastered.set(n.id, n.skills.length > 0 && n.skills.every((s) => mastery[s] && isMastered(mastery[s])));
  const dueReviews: CourseProgress["dueReviews"] = [];
  const nodes = course.nodes.map((node): NodeProgress => {
    const missing = node.prerequisites.filter((p) => !nodeMastered.get(p));
    const skills = node.skills.map((skill, i): SkillProgress => {
      const m = mastery[skill];
      const before = i > 0 ? node.skills[i - 1] : null;
      const unlocked = missing.length === 0 && (before === null || isMastered(mastery[before]));
      const schedule = schedules[skill] ?? null;
      const review = schedule ? { due: schedule.due, isDue: reviewDue(schedule, now) } : null;
      if (review?.isDue) dueReviews.push({ skill, due: review.due });
      return { skill, mastery: m, unlocked, after: unlocked ? null : missing.length ? null : before, review };
    });
    let status: NodeStatus;
    if (missing.length > 0 || node.skills.length === 0) status = nodeMastered.get(node.id) ? "mastered" : "locked";
    else if (nodeMastered.get(node.id)) status = "mastered";
    else status = skills.some((s) => s.mastery.level !== "not-started") ? "in-progress" : "available";
    return { node, status, missing, skills };
  });
  dueReviews.sort((a, b) => a.due - b.due || a.skill.localeCompare(b.skill));
  return { nodes, dueReviews };
}

/**
 * Whether a student may practise a skill now: it is unlocked in its node, or already mastered
 * (extra practice and reviews), or the teacher assigned it (an assignment opens its skills
 * whatever the gates say). Otherwise the reason, in words for the student.
 */
export function mayPractise(progress: CourseProgress, skill: string, assigned: ReadonlySet<string>, titleOf: (id: string) => string): { ok: true } | { ok: false; reason: string } {
  if (assigned.has(skill)) return { ok: true };
  for (const n of progress.nodes) {
    const s = n.skills.find((x) => x.skill === skill);
    if (!s) continue;
    if (s.unlocked || isMastered(s.mastery)) return { ok: true };
    if (n.missing.length) return { ok: false, reason: `${n.node.title} opens once you have mastered ${n.missing.map(titleOf).join(" and ")}.` };
    return { ok: false, reason: `Master ${titleOf(s.after ?? "")} first.` };
  }
  return { ok: false, reason: "This skill is not part of your course." };
}
