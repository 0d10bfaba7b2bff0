import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import type { Lesson } from "../lesson/schema.ts";
import { expectedNumber, formatNumber, questionSeed, sampleParams } from "../questions/index.ts";
import { buildReport } from "../report/report.ts";
import type { ReportInput } from "../report/types.ts";
import { Prng } from "../sim/math/prng.ts";
import type { SessionCommand } from "../session/commands.ts";
import type { SessionEvent } from "../session/events.ts";
import { reduce } from "../session/reduce.ts";
import { personalSummary } from "../session/score.ts";
import { emptyState, type SessionState } from "../session/state.ts";
import { askedQuestions, finalAttempt, isKeyed, scoreStudent } from "./definition.ts";

// Two attempts on the decay factor, so "the final attempt counts" is exercised.
const lesson: Lesson = (() => {
  const l = builtInLesson();
  return { ...l, activities: l.activities.map((a) => ({ ...a, questions: a.questions.map((q) => (q.id === "l2-decay-factor" ? { ...q, attempts: 2 } : q)) })) };
})();
const template = (id: string) => lesson.activities.flatMap((a) => a.questions).find((q) => q.id === id)!;

describe("the score definition", () => {
  it("final attempt: the highest attempt number, whatever the order given", () => {
    expect(finalAttempt([{ attempt: 2, v: "b" }, { attempt: 1, v: "a" }])?.v).toBe("b");
    expect(finalAttempt([])).toBeUndefined();
    expect(finalAttempt(undefined)).toBeUndefined();
  });

  it("keyed: not short text; a prediction only when its simulation decided", () => {
    expect(isKeyed(template("why-l1-zeros"), [])).toBe(false);
    expect(isKeyed(template("warmup-overfitting"), [])).toBe(true);
    const prediction = template("predict-raise-lambda");
    expect(isKeyed(prediction, [])).toBe(true);
    expect(isKeyed(prediction, [{ status: "ungraded" }, { status: "ungraded" }])).toBe(false);
    expect(isKeyed(prediction, [{ status: "ungraded" }, { status: "incorrect" }])).toBe(true);
  });

  it("graded = keyed and worth points; unanswered graded questions stay in `graded`; partial credit scores", () => {
    const asked = askedQuestions(lesson, new Set(["warmup-overfitting", "l2-decay-factor", "why-l1-zeros", "l2-decay-k-steps"]), () => []);
    expect(asked.map((a) => [a.question.id, a.keyed, a.graded])).toEqual([
      ["warmup-overfitting", true, false], ["l2-decay-factor", true, true], ["l2-decay-k-steps", true, true], ["why-l1-zeros", false, false],
    ]);
    const s = scoreStudent(asked, (qid) => ({
      "warmup-overfitting": [{ attempt: 1, status: "correct", correct: true, score: 1 }],
      "l2-decay-factor": [{ attempt: 1, status: "incorrect", correct: false, score: 0 }, { attempt: 2, status: "correct", correct: true, score: 1 }],
      "why-l1-zeros": [{ attempt: 1, status: "ungraded", correct: null, score: null }],
    })[qid]);
    expect(s).toMatchObject({ asked: 4, answered: 3, correct: 1, graded: 2, score: 1, maxScore: 2 });
    expect(s.questions.find((q) => q.questionId === "warmup-overfitting")).toEqual({ questionId: "warmup-overfitting", answered: true, correct: true, points: 0, graded: false, earned: 0, attempts: 1 });
    expect(s.questions.find((q) => q.questionId === "l2-decay-k-steps")).toMatchObject({ answered: false, correct: null, graded: true, earned: 0 });
    expect(s.questions.find((q) => q.questionId === "why-l1-zeros")).toMatchObject({ answered: true, correct: null, graded: false });
    const partial = scoreStudent([{ question: { ...template("l2-decay-factor"), points: 2 }, keyed: true, graded: true }], () => [{ attempt: 1, status: "incorrect", correct: false, score: 0.5 }]);
    expect(partial).toMatchObject({ correct: 0, score: 1, maxScore: 2 });
  });
});

/** A class played through the state machine: the phone's numbers (live state) against the report's (stored rows). */
function playClass(seed: number) {
  let state: SessionState = emptyState();
  const log: SessionEvent[] = [];
  let now = 1_000_000;
  const run = (cmd: SessionCommand) => {
    now += 1000;
    const r = reduce(state, cmd, { now, lesson });
    if (r.ok) {
      state = r.state;
      log.push(...r.events);
    }
    return r;
  };
  const rng = new Prng(seed);
  run({ type: "create", sessionId: "s", code: "SCORE1", lessonId: lesson.id, seed });
  const students = Array.from({ length: 12 }, (_, i) => `p${i}`);
  for (const p of students) run({ type: "join", participantId: p, nickname: p, nicknameKey: p });
  run({ type: "remove", participantId: "p11" });
  let key = 0;
  for (const activity of ["warm-up", "predict-lambda", "decay-factor", "which-penalty-zeros", "penalty-values"]) {
    run({ type: "goTo", index: lesson.activities.findIndex((a) => a.id === activity) });
    for (const q of lesson.activities.find((a) => a.id === activity)!.questions) {
      run({ type: "openQuestion", questionId: q.id });
      for (const p of students) {
        const roll = rng.nextFloat();
        if (roll < 0.2) continue; // does not answer
        const params = sampleParams(q, questionSeed(seed, p, q.id));
        const right = q.kind === "numeric" ? formatNumber(expectedNumber(q, params)) : q.kind === "single" ? (q.correct ?? q.options[0].id) : "because corners";
        const wrong = q.kind === "numeric" ? "12345" : q.kind === "single" ? q.options[q.options.length - 1].id : "no idea";
        const send = (answer: string) => run({ type: "answer", participantId: p, questionId: q.id, idempotencyKey: `k-${key++}`, answer });
        send(roll < 0.6 ? right : wrong);
        if (q.attempts > 1 && roll > 0.5) send(roll > 0.8 ? wrong : right); // a second try, either way
        if (roll > 0.9) send("not a number ??"); // refused: never stored, never counts
      }
      run({ type: "revealQuestion", questionId: q.id });
    }
  }
  // Reopened question: asked once.
  run({ type: "goTo", index: 0 });
  run({ type: "openQuestion", questionId: "warmup-overfitting" });
  run({ type: "end" });
  return { state, log };
}

/** The rows a database would hold for this log (what the server's report store loads). */
function storedRows(state: SessionState, log: SessionEvent[]): ReportInput {
  return {
    session: { id: state.id, code: state.code, status: state.status, createdAt: state.createdAt, endedAt: state.endedAt },
    lesson,
    participants: Object.values(state.participants).map((p) => ({ id: p.id, nickname: p.nickname, joinedAt: p.joinedAt, removed: p.removed })),
    openedQuestions: log.flatMap((e) => (e.type === "question.opened" ? [{ questionId: e.questionId, at: e.at }] : [])),
    responses: log.flatMap((e) => (e.type === "answer.recorded"
      ? [{ participantId: e.participantId, questionId: e.questionId, attempt: e.attempt, params: e.params, answer: e.answer, status: e.result.status, correct: e.result.correct, score: e.result.score, feedbackKey: e.result.feedbackKey, msToAnswer: 0, answeredAt: e.at }]
      : [])),
    experimentRuns: [],
  };
}

describe("one truth: the phone's summary and the report give every student the same numbers", () => {
  for (const seed of [1, 2, 3]) {
    it(`seeded class ${seed}`, () => {
      const { state, log } = playClass(seed);
      const report = buildReport(storedRows(state, log));
      expect(report.overview.questionsAsked).toBe(Object.keys(state.questions).length);
      let someoneWrong = false;
      for (const s of report.students) {
        const phone = personalSummary(state, lesson, s.id);
        expect({ answered: s.answered, correct: s.correct, graded: s.graded, score: s.score, maxScore: s.maxScore }, s.nickname)
          .toEqual({ answered: phone.answered, correct: phone.correct, graded: phone.graded, score: phone.score, maxScore: phone.maxScore });
        expect(phone.asked).toBe(report.overview.questionsAsked);
        expect(phone.graded).toBe(report.overview.gradedQuestionsAsked);
        if (phone.correct < phone.graded) someoneWrong = true;
      }
      // The class is varied enough for the comparison to mean something.
      expect(someoneWrong).toBe(true);
      expect(report.overview.gradedQuestionsAsked).toBeGreaterThan(3);
      expect(report.questions.find((q) => q.id === "warmup-overfitting")).toMatchObject({ keyed: true, graded: false });
    });
  }
});
