import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { sampleParams } from "../questions/sampling.ts";
import { questionsById } from "./answers.ts";
import { compareClasses } from "./compare.ts";
import { buildReport } from "./report.ts";
import type { ReportInput } from "./types.ts";

const lesson = builtInLesson();
const templates = questionsById(lesson);

/** A class: `marks[questionId]` lists each student's final answer as C (right), M (the factor-2 mistake) or X. */
function section(id: string, createdAt: number, marks: Record<string, string>): ReportInput {
  const n = Math.max(...Object.values(marks).map((m) => m.length));
  const participants = Array.from({ length: n }, (_, i) => ({ id: `${id}-p${i}`, nickname: `P${i}`, joinedAt: createdAt, removed: false }));
  return {
    session: { id, code: id.toUpperCase(), status: "ended", createdAt, endedAt: createdAt + 1 },
    lesson,
    participants,
    openedQuestions: Object.keys(marks).reverse().map((questionId, i) => ({ questionId, at: createdAt + i })), // asked in another order
    responses: Object.entries(marks).flatMap(([questionId, m]) => [...m].map((c, i) => ({
      participantId: `${id}-p${i}`, questionId, attempt: 1, params: sampleParams(templates.get(questionId)!.question, 0),
      answer: c === "C" ? "0.998" : "0.5", status: c === "C" ? "correct" : "incorrect", correct: c === "C", score: c === "C" ? 1 : 0,
      feedbackKey: c === "M" ? "dropped-factor-2" : null, msToAnswer: 1000, answeredAt: createdAt,
    }))),
    experimentRuns: [],
  };
}

describe("compareClasses", () => {
  it("puts the sections side by side: oldest first, questions in lesson order, mistakes per class", () => {
    const a = buildReport(section("b", 2000, { "l2-decay-factor": "CCMX", "l2-decay-k-steps": "CCCC" }));
    const b = buildReport(section("a", 1000, { "l2-decay-factor": "CMMM" }));
    const c = compareClasses(lesson, [a, b]);
    expect(c.classes.map((x) => x.code)).toEqual(["A", "B"]);
    expect(c.questions.map((q) => q.questionId)).toEqual(["l2-decay-factor", "l2-decay-k-steps"]);
    expect(c.questions[0].classes).toEqual([{ answered: 4, correctRate: 0.25 }, { answered: 4, correctRate: 0.5 }]);
    expect(c.questions[1].classes).toEqual([null, { answered: 4, correctRate: 1 }]);
    expect(c.mistakes).toEqual([{ questionId: "l2-decay-factor", questionTitle: "Weight decay, one step", key: "dropped-factor-2", label: "Used 1 − ηλ (dropped the 2)", total: 4, classes: [3, 1] }]);
  });

  it("keeps a mistake key shared by two questions as two rows, each with its question's label", () => {
    const a = buildReport(section("a", 1000, { "l2-decay-factor": "MMC", "l2-gradient": "MCC" }));
    const c = compareClasses(lesson, [a]);
    expect(c.mistakes.map((m) => [m.questionId, m.label, m.total])).toEqual([
      ["l2-decay-factor", "Used 1 − ηλ (dropped the 2)", 2], ["l2-gradient", "Gave λw (dropped the 2)", 1],
    ]);
  });
});
