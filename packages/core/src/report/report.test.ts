import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { answerText, median } from "./answers.ts";
import { buildReport } from "./report.ts";
import type { ReportInput, ReportResponse } from "./types.ts";

const lesson = builtInLesson();
const P = (id: string, nickname: string, removed = false) => ({ id, nickname, joinedAt: 1000, removed });

function response(participantId: string, questionId: string, answer: unknown, status: string, o: Partial<ReportResponse> = {}): ReportResponse {
  return {
    participantId, questionId, attempt: 1, params: {}, answer, status,
    correct: status === "correct" ? true : status === "ungraded" ? null : false,
    score: status === "correct" ? 1 : status === "incorrect" || status === "invalid" ? 0 : null,
    feedbackKey: null, msToAnswer: 5000, answeredAt: 2000, ...o,
  };
}

function input(): ReportInput {
  return {
    session: { id: "s1", code: "ABC123", status: "ended", createdAt: 0, endedAt: 9000 },
    lesson,
    participants: [P("a", "Ada"), P("b", "Bo"), P("c", "Cy"), P("d", "Dee"), P("x", "Gone", true)],
    openedQuestions: [
      { questionId: "warmup-overfitting", at: 100 },
      { questionId: "l2-decay-factor", at: 200 },
      { questionId: "why-l1-zeros", at: 300 },
      { questionId: "l2-decay-factor", at: 400 }, // reopened: counted once
    ],
    responses: [
      response("a", "warmup-overfitting", "overfitting", "correct", { msToAnswer: 1000 }),
      response("b", "warmup-overfitting", "underfitting", "incorrect", { msToAnswer: 3000 }),
      response("c", "warmup-overfitting", "overfitting", "correct", { msToAnswer: 8000 }),
      // Bo first made the factor-2 mistake, then corrected it: the last attempt counts,
      // the first attempt's time is the time to answer.
      response("a", "l2-decay-factor", "0.998", "correct", { params: { eta: 0.1, lambda: 0.01 }, msToAnswer: 2000 }),
      response("b", "l2-decay-factor", "0.999", "incorrect", { params: { eta: 0.1, lambda: 0.005 }, feedbackKey: "dropped-factor-2", msToAnswer: 4000 }),
      response("b", "l2-decay-factor", "0.999", "correct", { params: { eta: 0.1, lambda: 0.005 }, attempt: 2, msToAnswer: 9000 }),
      response("c", "l2-decay-factor", "0.999", "incorrect", { params: { eta: 0.1, lambda: 0.01 }, feedbackKey: "dropped-factor-2", msToAnswer: 6000 }),
      response("d", "l2-decay-factor", "abc", "invalid", { params: { eta: 0.1, lambda: 0.01 }, msToAnswer: 10000 }),
      response("a", "why-l1-zeros", "corners of the diamond", "ungraded"),
      response("b", "why-l1-zeros", "=HYPERLINK(1)", "ungraded"),
    ],
    experimentRuns: [
      { participantId: "a", activityId: "lambda-experiment", value: 0.001, trainLoss: 0.1, valLoss: 0.5 },
      { participantId: "b", activityId: "lambda-experiment", value: 0.1, trainLoss: 0.2, valLoss: 0.3 },
      { participantId: "c", activityId: "lambda-experiment", value: 10, trainLoss: 0.9, valLoss: 0.95 },
    ],
  };
}

describe("buildReport", () => {
  const r = buildReport(input());

  it("overview counts students (not removed ones), questions asked once each, and averages graded questions' rates", () => {
    expect(r.overview.participants).toBe(4);
    expect(r.overview.questionsAsked).toBe(3);
    // The warm-up has a key but is worth 0 points; the short text has no key: only the decay factor is graded.
    expect(r.overview.gradedQuestionsAsked).toBe(1);
    expect(r.overview.maxScore).toBe(1);
    expect(r.overview.responses).toBe(10);
    // decay factor 2/4 (Ada, Bo's last attempt)
    expect(r.overview.averageCorrectRate).toBe(0.5);
    // answers: 3 + 4 + 2 = 9 of 4 students × 3 questions
    expect(r.overview.completion).toBeCloseTo(9 / 12, 12);
  });

  it("per question: the last attempt counts, mistakes are named with their feedback, time is the first attempt's", () => {
    const q = r.questions.find((x) => x.id === "l2-decay-factor")!;
    expect(q.answered).toBe(4);
    expect(q.correct).toBe(2);
    expect(q.correctRate).toBe(0.5);
    expect(q.paramsVary).toBe(true);
    expect(Object.fromEntries(q.distribution.map((d) => [d.key, d.count]))).toEqual({ correct: 2, "mistake:dropped-factor-2": 1, invalid: 1 });
    const factor2 = q.mistakes.find((m) => m.key === "dropped-factor-2")!;
    expect(factor2.count).toBe(1);
    // People read the mistake's label, never its key.
    expect(factor2.label).toBe("Used 1 − ηλ (dropped the 2)");
    expect(q.distribution.find((d) => d.key === "mistake:dropped-factor-2")!.label).toBe("Used 1 − ηλ (dropped the 2)");
    expect(factor2.feedback.length).toBeGreaterThan(10);
    expect(q.mistakes.find((m) => m.key === "wrong-sign")!.count).toBe(0);
    // first attempts: 2000, 4000, 6000, 10000 → median 5000
    expect(q.medianMsToAnswer).toBe(5000);
    expect(q.solution).toMatch(/0\.998/); // worked for the first respondent's η=0.1, λ=0.01
    expect(q.prompt).not.toMatch(/\{\{/);
  });

  it("choice questions list every option, with the right one marked, and zero-count options kept", () => {
    const q = r.questions.find((x) => x.id === "warmup-overfitting")!;
    const over = q.distribution.find((d) => d.key === "option:overfitting")!;
    expect(over.count).toBe(2);
    expect(over.correct).toBe(true);
    expect(q.distribution.find((d) => d.key === "option:underfitting")!.count).toBe(1);
    const template = lesson.activities[0].questions[0];
    expect(template.kind === "single" && q.distribution.length).toBe(template.kind === "single" ? template.options.length : -1);
    expect(q.medianMsToAnswer).toBe(3000);
  });

  it("short-text answers are listed with their authors and are not graded", () => {
    const q = r.questions.find((x) => x.id === "why-l1-zeros")!;
    expect(q.graded).toBe(false);
    expect(q.keyed).toBe(false);
    // The second of its activity's three questions; a one-question activity is just its title.
    expect(q.title).toBe(`${q.activityTitle} (2 of 3)`);
    expect(r.questions.find((x) => x.id === "l2-decay-factor")!.title).toBe("Weight decay, one step");
    expect(q.correctRate).toBeNull();
    expect(q.texts).toEqual([{ nickname: "Ada", text: "corners of the diamond" }, { nickname: "Bo", text: "=HYPERLINK(1)" }]);
  });

  it("per student: correct count and rate over graded questions asked, the final answers and experiment runs", () => {
    const bo = r.students.find((s) => s.nickname === "Bo")!;
    expect(bo.answered).toBe(3);
    // Decay factor right on the 2nd attempt; the warm-up (wrong) is worth 0 points and does not count.
    expect(bo).toMatchObject({ correct: 1, graded: 1, score: 1, maxScore: 1, correctRate: 1 });
    const ada = r.students.find((s) => s.nickname === "Ada")!;
    expect(ada).toMatchObject({ answered: 3, correct: 1, graded: 1, correctRate: 1 });
    expect(bo.answers["l2-decay-factor"]).toMatchObject({ answer: "0.999", status: "correct", attempts: 2, msToAnswer: 4000 });
    expect(bo.answers["warmup-overfitting"].answer).not.toBe("underfitting"); // the option's text, not its id
    expect(bo.experiments["lambda-experiment"]).toEqual({ value: 0.1, valLoss: 0.3 });
    const dee = r.students.find((s) => s.nickname === "Dee")!;
    expect(dee.correct).toBe(0);
    expect(dee.correctRate).toBe(0);
  });

  it("experiments: points sorted by the chosen value, best = lowest validation loss", () => {
    expect(r.experiments).toHaveLength(1);
    const e = r.experiments[0];
    expect(e.points.map((p) => p.value)).toEqual([0.001, 0.1, 10]);
    expect(e.best).toEqual({ participantId: "b", nickname: "Bo", value: 0.1, valLoss: 0.3 });
  });

  it("an empty session reports nulls, not NaN", () => {
    const empty = buildReport({ ...input(), participants: [], openedQuestions: [], responses: [], experimentRuns: [] });
    expect(empty.overview).toEqual({ participants: 0, questionsAsked: 0, gradedQuestionsAsked: 0, maxScore: 0, responses: 0, averageCorrectRate: null, completion: null });
    expect(empty.experiments).toEqual([]);
  });
});

describe("helpers", () => {
  it("median of odd, even and empty lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it("answerText shows option texts and typed answers", () => {
    const q = lesson.activities[0].questions[0];
    expect(answerText(q, "overfitting")).not.toBe("overfitting");
    expect(answerText(undefined, "  0.5 ")).toBe("0.5");
    expect(answerText(undefined, null)).toBe("");
  });
});
