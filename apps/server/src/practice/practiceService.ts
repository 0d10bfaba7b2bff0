import { ERROR_CODES, fail, ok, type Ack, type PracticeAttemptResult, type PracticeItemView, type SkillState, type StudentHome } from "@livelab/core/protocol";
import {
  builtInCourse, chooseVariant, MASTERY_RULE, courseProgress, gradePractice, isMastered, masteryOf, mayPractise, practiceCandidates, practiceHint,
  practicePrediction, practiceQuestionView, reviewSchedule, variantKey,
  type CourseProgress, type Evidence, type MasteryOptions, type ReviewSchedule, type SkillMastery,
} from "@livelab/core/practice";
import { resolvePrediction, type QuestionTemplate } from "@livelab/core/questions";
import type { Logger } from "pino";
import { isUniqueViolation } from "../db/roomStore.ts";
import type { AttemptRow, ItemRow, PracticeStore } from "../db/practiceStore.ts";
import type { SignedInStudent } from "../db/rosterStore.ts";
import { newId } from "../security/tokens.ts";
import type { HistoryLoader } from "./history.ts";
import { KeyedQueue } from "./keyedQueue.ts";

export interface PracticeDeps {
  store: PracticeStore;
  history: HistoryLoader;
  log: Logger;
  /** The practice clock (tests move it on to make reviews fall due). */
  now: () => number;
  /** Where calendar days begin for "retained" (minutes east of UTC at that moment: the school's time zone). */
  utcOffsetMinutes: (at: number) => number;
}

/** A student's standing, computed from their history at one moment. */
interface Standing {
  evidence: Evidence[];
  mastery: Record<string, SkillMastery>;
  schedules: Record<string, ReviewSchedule | null>;
  progress: CourseProgress;
  assigned: Set<string>;
  now: number;
}

/**
 * Practice on the phone, graded on the server: the next item of a skill (a fresh variant, the
 * same one again until it is answered), the hint (recorded), an attempt (graded by core's
 * live grader, stored once per idempotency key and once per item), and the student's home. A
 * gate is only ever opened by attempts stored here or live answers stored by a room.
 */
export class PracticeService {
  private readonly queue = new KeyedQueue();
  /** Prediction outcomes by question and simulation seed (a pool of 8 seeds: a few short runs). */
  private readonly predictions = new Map<string, string | null>();

  constructor(private readonly deps: PracticeDeps) {}

  private get material() { return builtInCourse(); }
  private get masteryOptions(): MasteryOptions { return { utcOffsetMinutes: this.deps.utcOffsetMinutes(this.deps.now()) }; }

  /** A node's or a skill's title, for messages. */
  titleOf = (id: string): string => this.material.course.nodes.find((n) => n.id === id)?.title ?? this.deps.history.skillTitle(id);

  private async standing(who: SignedInStudent, except?: string): Promise<Standing> {
    const [history, assignments] = await Promise.all([this.deps.history.evidenceOf([who.student.id]), this.deps.store.assignments(who.classroom.id)]);
    const evidence = (history.get(who.student.id) ?? []).filter((e) => e.id !== except);
    const now = this.deps.now();
    const skills = this.material.course.nodes.flatMap((n) => n.skills);
    const mastery = masteryOf(skills, evidence, this.masteryOptions);
    const schedules = Object.fromEntries(skills.map((s) => [s, reviewSchedule(s, mastery[s], evidence)]));
    return { evidence, mastery, schedules, progress: courseProgress(this.material.course, mastery, schedules, now), assigned: new Set(assignments.flatMap((a) => a.skills)), now };
  }

  private skillState(st: Standing, skill: string): SkillState {
    const m = st.mastery[skill];
    const p = st.progress.nodes.flatMap((n) => n.skills).find((s) => s.skill === skill);
    const may = mayPractise(st.progress, skill, st.assigned, this.titleOf);
    const declared = this.material.skills.get(skill);
    return {
      skill, title: declared?.title ?? this.titleOf(skill), description: declared?.description ?? null,
      level: m.level, streak: m.streak, needed: m.needed, attempts: m.attempts, unlocked: may.ok, lockedReason: may.ok ? null : may.reason,
      review: p?.review ?? null, misconceptions: m.misconceptions.map(({ key, label, count }) => ({ key, label, count })),
    };
  }

  async home(who: SignedInStudent): Promise<StudentHome> {
    const [st, assignments, live] = await Promise.all([this.standing(who), this.deps.store.assignments(who.classroom.id), this.deps.store.liveSessionOf(who.classroom.id)]);
    return {
      student: { name: who.student.name, className: who.classroom.name, classCode: who.classroom.code, linkCode: who.student.linkCode },
      courseTitle: this.material.course.title,
      nodes: st.progress.nodes.map((n) => ({
        id: n.node.id, title: n.node.title, summary: n.node.summary, kind: n.node.kind, status: n.status,
        needs: n.missing.map(this.titleOf), skills: n.skills.map((s) => this.skillState(st, s.skill)),
      })),
      dueReviews: st.progress.dueReviews.map((d) => ({ ...d, title: this.titleOf(d.skill) })),
      assignments: assignments.map((a) => {
        const skills = a.skills.map((s) => ({ skill: s, title: this.titleOf(s), mastered: st.mastery[s] ? isMastered(st.mastery[s]) : false }));
        return { id: a.id, title: a.title, dueAt: a.dueAt?.getTime() ?? null, skills, complete: skills.every((s) => s.mastered) };
      }),
      live: live ? { code: live.code, lessonTitle: live.lessonTitle } : null,
      serverTime: st.now,
    };
  }

  /** The student's current item of a skill: the unanswered one, or a fresh variant. */
  next(who: SignedInStudent, skill: string, assignmentId?: string): Promise<Ack<PracticeItemView>> {
    return this.queue.run(who.student.id, async () => {
      const st = await this.standing(who);
      if (!st.mastery[skill]) return fail(ERROR_CODES.SKILL_LOCKED, "This skill is not part of your course.");
      const may = mayPractise(st.progress, skill, st.assigned, this.titleOf);
      if (!may.ok) return fail(ERROR_CODES.SKILL_LOCKED, may.reason);
      const recentItems = await this.deps.store.lastItems(who.student.id, skill, MASTERY_RULE.streak - 1);
      const last = recentItems[0];
      if (last && !last.answered) return ok(this.view(last, st));
      const candidates = practiceCandidates(this.material.lessons, skill);
      const recent = recentItems.map((i) => variantKey(i.questionId, i.params, i.simSeed));
      for (let tries = 0; ; tries++) {
        const serial = await this.deps.store.nextSerial(who.student.id);
        const v = chooseVariant(candidates, { studentSeed: who.student.seed, serial, previous: recent[0] ?? null, recent });
        const item: ItemRow = {
          id: newId(), studentId: who.student.id, serial, skill, lessonId: v.lessonId, questionId: v.template.id, seed: v.seed, params: v.params,
          simSeed: v.simulationSeed, assignmentId: assignmentId ?? null, issuedAt: new Date(st.now), hintAt: null,
        };
        try {
          await this.deps.store.insertItem(item);
          return ok(this.view(item, st));
        } catch (e) {
          // Another node gave this student an item with the same serial meanwhile: draw again.
          if (!isUniqueViolation(e) || tries >= 3) throw e;
        }
      }
    });
  }

  private view(item: ItemRow, st: Standing): PracticeItemView {
    const template = this.template(item);
    const { view, hasHint } = practiceQuestionView(template, item.seed);
    return {
      itemId: item.id, skill: item.skill, skillTitle: this.titleOf(item.skill), question: view, hasHint,
      hint: item.hintAt ? practiceHint(template, item.params) : null, state: this.skillState(st, item.skill),
    };
  }

  private template(item: Pick<ItemRow, "lessonId" | "questionId">): QuestionTemplate {
    const t = this.deps.history.template(item.lessonId, item.questionId);
    if (!t) throw new Error(`practice question ${item.lessonId}/${item.questionId} is gone from the course`);
    return t;
  }

  /** The hint of an item, recorded as opened (an attempt after it does not count toward mastery). */
  async hint(who: SignedInStudent, itemId: string): Promise<Ack<{ hint: string | null }>> {
    const item = await this.deps.store.item(who.student.id, itemId);
    if (!item) return fail(ERROR_CODES.ITEM_NOT_FOUND, "no such practice question");
    const text = practiceHint(this.template(item), item.params);
    // Once answered, looking at the hint changes nothing.
    if (text !== null && !(await this.deps.store.attemptForItem(item.id))) await this.deps.store.markHint(item.id, new Date(this.deps.now()));
    return ok({ hint: text });
  }

  /**
   * Grade and store one attempt. A resend with the same idempotency key (a phone that lost the
   * connection before the answer came back), or a second answer to an answered item, gets the
   * stored attempt's result with `duplicate: true`: nothing counts twice.
   */
  attempt(who: SignedInStudent, body: { itemId: string; answer: unknown; idempotencyKey: string }): Promise<Ack<PracticeAttemptResult>> {
    return this.queue.run(who.student.id, async () => {
      const stored = await this.deps.store.attemptByKey(who.student.id, body.idempotencyKey);
      if (stored) return this.result(who, stored, true);
      const item = await this.deps.store.item(who.student.id, body.itemId);
      if (!item) return fail(ERROR_CODES.ITEM_NOT_FOUND, "no such practice question");
      const answered = await this.deps.store.attemptForItem(item.id);
      if (answered) return this.result(who, answered, true);
      const graded = this.grade(item, body.answer);
      if (graded.result.status === "invalid") return fail(ERROR_CODES.INVALID_ANSWER, graded.feedback.feedback || graded.result.feedback);
      const row: AttemptRow = {
        id: newId(), studentId: who.student.id, itemId: item.id, answer: body.answer, status: graded.result.status, correct: graded.result.correct,
        feedbackKey: graded.result.feedbackKey, hintUsed: item.hintAt !== null, idempotencyKey: body.idempotencyKey, answeredAt: new Date(this.deps.now()),
      };
      try {
        await this.deps.store.insertAttempt(row);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // The same attempt arrived through another node first: answer with what is stored.
        const winner = (await this.deps.store.attemptByKey(who.student.id, body.idempotencyKey)) ?? (await this.deps.store.attemptForItem(item.id));
        if (!winner) throw e;
        return this.result(who, winner, true);
      }
      return this.result(who, row, false);
    });
  }

  private grade(item: ItemRow, answer: unknown) {
    const template = this.template(item);
    const p = practicePrediction(template, item.simSeed);
    let outcome: string | null | undefined;
    if (p) {
      const key = `${item.lessonId}/${item.questionId}|${p.seed}`;
      if (!this.predictions.has(key)) this.predictions.set(key, resolvePrediction(p));
      outcome = this.predictions.get(key);
    }
    return gradePractice(template, item.seed, item.params, answer, outcome);
  }

  /** What the phone hears about a stored attempt: its feedback, the skill after it, what it opened. */
  private async result(who: SignedInStudent, attempt: AttemptRow, duplicate: boolean): Promise<Ack<PracticeAttemptResult>> {
    const item = (await this.deps.store.item(who.student.id, attempt.itemId))!;
    const { feedback } = this.grade(item, attempt.answer);
    const [before, after] = await Promise.all([this.standing(who, attempt.id), this.standing(who)]);
    // What the student could practise: open nodes, open skills, and skills an assignment opened
    // early (mastering their gate later opens nothing new, so it is not announced).
    const opened = (st: Standing) => new Set([
      ...st.progress.nodes.filter((n) => n.status !== "locked").map((n) => n.node.id),
      ...st.progress.nodes.flatMap((n) => n.skills.filter((s) => s.unlocked).map((s) => s.skill)),
      ...st.assigned,
    ]);
    const was = opened(before);
    const unlocked = [...opened(after)].filter((id) => !was.has(id)).map(this.titleOf);
    return ok({
      itemId: item.id, feedback, state: this.skillState(after, item.skill), duplicate, unlocked, hintUsed: attempt.hintUsed,
      mastered: !isMastered(before.mastery[item.skill]) && isMastered(after.mastery[item.skill]),
    });
  }
}
