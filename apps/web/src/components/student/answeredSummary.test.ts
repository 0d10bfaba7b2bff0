import { describe, expect, it } from "vitest";
import { answeredSummary } from "./answeredSummary";
import { count } from "../../lib/plural";

describe("answeredSummary", () => {
  it("one question reads as one, not '1 of 1 questions'", () => {
    expect(answeredSummary({ answered: 1, asked: 1, graded: 1, correct: 1 })).toBe("You answered the question and got it right.");
    expect(answeredSummary({ answered: 0, asked: 1, graded: 0, correct: 0 })).toBe("You did not answer the question.");
  });
  it("many questions, with one or several graded", () => {
    expect(answeredSummary({ answered: 2, asked: 3, graded: 1, correct: 0 })).toBe("You answered 2 of 3 questions and got the graded one wrong.");
    expect(answeredSummary({ answered: 3, asked: 3, graded: 2, correct: 1 })).toBe("You answered 3 of 3 questions and got 1 of 2 graded ones right.");
  });
  it("count pluralises", () => {
    expect([count(1, "answer"), count(2, "answer"), count(0, "answer"), count(2, "entry", "entries")]).toEqual(["1 answer", "2 answers", "0 answers", "2 entries"]);
  });
});
