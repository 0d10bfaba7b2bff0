import { describe, expect, it } from "vitest";
import { lessonFromRows, slugId, type QuestionRow } from "./importRows.ts";
import { checkLesson } from "./validate.ts";

const row = (n: number, question: string, answers: string[], correct: string, extra: Partial<QuestionRow> = {}): QuestionRow =>
  ({ row: n, question, answers, timeLimit: "", correct, ...extra });

describe("lessonFromRows (Kahoot's sheet and CSV)", () => {
  it("good rows become question activities; every bad row is named with its number and reason", () => {
    const r = lessonFromRows([
      row(9, "Which penalty gives exact zeros?", ["L1", "L2", "both", "neither"], "1", { timeLimit: "20" }),
      row(10, "Which of these regularize?", ["dropout", "early stopping", "more epochs", ""], "1,2"),
      row(11, "No answer marked", ["a", "b"], ""),
      row(12, "Too many", ["1", "2", "3", "4", "5", "6"], "1"),
      row(13, "", ["x", "y"], "1"),
      row(14, "", ["", ""], ""),
      row(15, "Correct points at an empty cell", ["a", "b", "", ""], "3"),
      row(16, "Price in $ dollars", ["1", "2"], "1"),
      row(17, "What is 2 + 2?", [], "4", { type: "numeric", tolerance: "1%" }),
      row(18, "Discuss: why regularize?", [], "", { type: "text", explanation: "To generalize." }),
    ], { title: "Week 3 quiz", maxAnswers: 4 });
    expect(r.accepted).toEqual([9, 10, 17, 18]);
    expect(r.problems.map((p) => p.row)).toEqual([11, 12, 13, 15, 16]);
    expect(r.problems.find((p) => p.row === 11)!.reason).toMatch(/no correct answer/);
    expect(r.problems.find((p) => p.row === 12)!.reason).toBe("6 answers: at most 4");
    expect(r.problems.find((p) => p.row === 13)!.reason).toBe("the question is empty");
    expect(r.problems.find((p) => p.row === 15)!.reason).toMatch(/"3" is not the number of a filled answer/);
    expect(r.problems.find((p) => p.row === 16)!.reason).toMatch(/^prompt: unbalanced \$/);
    const checked = checkLesson(r.lesson);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const [single, multiple, numeric, text] = checked.lesson.activities.map((a) => a.questions[0]);
    expect(single).toMatchObject({ kind: "single", correct: "a", timeLimitSec: 20 });
    expect(multiple).toMatchObject({ kind: "multiple", correct: ["a", "b"] });
    expect(numeric).toMatchObject({ kind: "numeric", answer: "4", tolerance: { type: "rel", value: 0.01 } });
    expect(text).toMatchObject({ kind: "text", solution: "To generalize." });
    expect(checked.lesson.id).toBe("week-3-quiz");
    expect(checked.lesson.activities[0].title).toBe("Which penalty gives exact zeros?");
  });

  it("nothing good gives no lesson", () => {
    const r = lessonFromRows([row(2, "", ["a"], "1")], { title: "x", maxAnswers: 4 });
    expect(r.lesson).toBeNull();
    expect(r.problems).toHaveLength(1);
  });

  it("time limits outside 5–3600 s are refused", () => {
    const r = lessonFromRows([row(3, "Q?", ["a", "b"], "1", { timeLimit: "2" })], { title: "x", maxAnswers: 4 });
    expect(r.problems[0].reason).toMatch(/time limit "2"/);
  });

  it("slugId", () => {
    expect(slugId("Week 3 — Quiz!.xlsx")).toBe("week-3-quiz-xlsx");
    expect(slugId("***")).toBe("imported-lesson");
  });
});
