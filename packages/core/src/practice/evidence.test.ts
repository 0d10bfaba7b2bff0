import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { toEvidence, type AnswerRow } from "./evidence.ts";

/** A question of the built-in lesson by id (the warm-up poll is worth 0 points, l2-decay-factor 1). */
function question(id: string): QuestionTemplate {
  for (const a of builtInLesson().activities) for (const q of a.questions ?? []) if (q.id === id) return q;
  throw new Error(`no question ${id}`);
}
const wrong = (questionId: string): AnswerRow => ({ id: "a1", at: 1, questionId, params: {}, status: "incorrect", correct: false, feedbackKey: null });

describe("answers as evidence of skills", () => {
  it("a live answer to a poll worth no points is evidence of nothing: a guess is not a wrong answer", () => {
    const poll = question("warmup-overfitting");
    expect(poll.points).toBe(0);
    expect(poll.skills).toContain("choosing-regularization");
    expect(toEvidence("live", "regularization", poll, wrong(poll.id))).toBeNull();
  });

  it("a live answer to a scored question, and any practice attempt, still count", () => {
    const scored = question("l2-decay-factor");
    expect(scored.points).toBeGreaterThan(0);
    const live = toEvidence("live", "regularization", scored, wrong(scored.id));
    expect(live).toMatchObject({ source: "live", correct: false, skills: scored.skills });
    const poll = question("warmup-overfitting");
    expect(toEvidence("practice", "regularization", poll, wrong(poll.id))).toMatchObject({ source: "practice", correct: false });
  });
});
