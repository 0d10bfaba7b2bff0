import type { Lesson } from "@livelab/core/lesson";
import { builtInCourse, toEvidence, type Evidence } from "@livelab/core/practice";
import type { QuestionTemplate } from "@livelab/core/questions";
import type { PracticeStore } from "../db/practiceStore.ts";

/** Question templates of a lesson by id. */
function templatesOf(lesson: Lesson): Map<string, QuestionTemplate> {
  const out = new Map<string, QuestionTemplate>();
  for (const a of lesson.activities ?? []) for (const q of a.questions ?? []) out.set(q.id, q);
  return out;
}

/** The lessons practice items come from (the course's), by lesson id then question id. */
export function practiceTemplates(): Map<string, Map<string, QuestionTemplate>> {
  return new Map(builtInCourse().lessons.map((l) => [l.id, templatesOf(l)]));
}

/**
 * Students' histories as core's `Evidence`: their practice attempts (templates from the course's
 * lessons) and their live-class answers (templates from the lesson each class ran — its own
 * copy, so a lesson edited later changes nothing). One list per student: the mastery rule, the
 * review schedule and the grid read it, whatever the source.
 */
export class HistoryLoader {
  private readonly practice = practiceTemplates();
  /** A session's lesson never changes: its templates are kept (a bounded number of sessions). */
  private readonly sessionTemplates = new Map<string, { lessonId: string; title: string; templates: Map<string, QuestionTemplate> }>();
  /** Skill and lesson titles: the course's, and those of lessons classes ran (a teacher's own skills). */
  private readonly skillTitles = new Map<string, string>();
  private readonly lessonTitles = new Map<string, string>();

  constructor(private readonly store: PracticeStore, private readonly maxSessionsKept = 500) {
    for (const l of builtInCourse().lessons) this.learnTitles(l);
  }

  private learnTitles(l: Lesson): void {
    if (l.id && l.title) this.lessonTitles.set(l.id, l.title);
    for (const s of l.skills ?? []) if (!this.skillTitles.has(s.id)) this.skillTitles.set(s.id, s.title);
  }

  /** Practice item templates (the course's lessons). */
  template(lessonId: string, questionId: string): QuestionTemplate | undefined {
    return this.practice.get(lessonId)?.get(questionId);
  }

  async evidenceOf(studentIds: string[]): Promise<Map<string, Evidence[]>> {
    const [practice, live] = await Promise.all([this.store.practiceHistory(studentIds), this.store.liveHistory(studentIds)]);
    const out = new Map<string, Evidence[]>(studentIds.map((id) => [id, []]));
    for (const r of practice) {
      const e = toEvidence("practice", r.lessonId, this.template(r.lessonId, r.questionId), {
        id: r.id, at: r.answeredAt.getTime(), questionId: r.questionId, params: r.params, status: r.status, correct: r.correct,
        feedbackKey: r.feedbackKey, hintUsed: r.hintUsed, simulationSeed: r.simSeed,
      });
      if (e) out.get(r.studentId)?.push(e);
    }
    const sessions = await this.sessions([...new Set(live.map((r) => r.sessionId))]);
    for (const r of live) {
      const s = sessions.get(r.sessionId);
      const e = toEvidence("live", s?.lessonId ?? "", s?.templates.get(r.questionId), {
        id: r.id, at: r.answeredAt.getTime(), questionId: r.questionId, params: r.params, status: r.status, correct: r.correct, feedbackKey: r.feedbackKey,
      });
      if (e) out.get(r.studentId)?.push(e);
    }
    return out;
  }

  /** A lesson's title (the course's, or one a class ran), or its id. */
  lessonTitle(lessonId: string): string {
    return this.lessonTitles.get(lessonId) ?? lessonId;
  }

  /** A skill's title (declared by the course's lessons or a lesson a class ran), or its id. */
  skillTitle(skill: string): string {
    return this.skillTitles.get(skill) ?? skill;
  }

  private async sessions(ids: string[]) {
    const missing = ids.filter((id) => !this.sessionTemplates.has(id));
    if (missing.length) {
      const loaded = await this.store.sessionLessons(missing);
      for (const [id, { lessonId, lesson }] of loaded) {
        const l = lesson as Lesson;
        this.learnTitles(l);
        if (this.sessionTemplates.size >= this.maxSessionsKept) this.sessionTemplates.delete(this.sessionTemplates.keys().next().value!);
        this.sessionTemplates.set(id, { lessonId, title: l.title ?? lessonId, templates: templatesOf(l) });
      }
    }
    return this.sessionTemplates;
  }
}
