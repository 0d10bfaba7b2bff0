import type { EvidenceItem, MasteryGridView } from "@livelab/core/protocol";
import { builtInCourse, classGrid, gradedEvidence, type Evidence, type GridAssignment } from "@livelab/core/practice";
import type { PracticeStore } from "../db/practiceStore.ts";
import type { RosterStore } from "../db/rosterStore.ts";
import type { HistoryLoader } from "./history.ts";

export interface ClassViewDeps { roster: RosterStore; store: PracticeStore; history: HistoryLoader; now: () => number; utcOffsetMinutes: (at: number) => number }

/**
 * What a teacher sees of a class's practice: the mastery grid (students × skills, from core's
 * classGrid), one student's evidence for one skill, and the same grid as CSV rows.
 */
export class ClassView {
  constructor(private readonly deps: ClassViewDeps) {}

  /** Columns: the course's skills in course order, then any other skill a class's lesson exercised. */
  private columns(evidence: Map<string, Evidence[]>): { id: string; title: string }[] {
    const course = builtInCourse().course.nodes.flatMap((n) => n.skills);
    const extra = new Set<string>();
    for (const list of evidence.values()) for (const e of list) for (const s of e.skills) if (!course.includes(s)) extra.add(s);
    return [...course, ...[...extra].sort()].map((id) => ({ id, title: this.deps.history.skillTitle(id) }));
  }

  async grid(classroomId: string): Promise<MasteryGridView> {
    const now = this.deps.now();
    const [students, assignments] = await Promise.all([this.deps.roster.roster(classroomId, now), this.deps.store.assignments(classroomId)]);
    const evidence = await this.deps.history.evidenceOf(students.map((s) => s.id));
    const gridAssignments: GridAssignment[] = assignments.map((a) => ({ id: a.id, title: a.title, skills: a.skills, dueAt: a.dueAt?.getTime() ?? null }));
    const grid = classGrid({
      students: students.map((s) => ({ id: s.id, name: s.name })), skills: this.columns(evidence), evidence, assignments: gridAssignments, now,
      options: { utcOffsetMinutes: this.deps.utcOffsetMinutes(now) },
    });
    return { ...grid, now };
  }

  /** One student's graded answers on one skill, newest first: the evidence behind a cell. */
  async evidence(studentId: string, skill: string): Promise<EvidenceItem[]> {
    const history = (await this.deps.history.evidenceOf([studentId])).get(studentId) ?? [];
    return gradedEvidence(skill, history).reverse().map((e) => ({
      at: e.at, source: e.source, skill, questionId: e.questionId, where: this.deps.history.lessonTitle(e.lessonId),
      correct: e.correct, hintUsed: e.hintUsed, mistake: e.mistake?.label ?? null,
    }));
  }
}
