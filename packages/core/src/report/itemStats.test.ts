import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { sampleParams } from "../questions/sampling.ts";
import { questionsById } from "./answers.ts";
import { quantile, timeSummary } from "./itemStats.ts";
import { buildReport } from "./report.ts";
import type { ReportInput, ReportResponse } from "./types.ts";

/**
 * A scripted class of nine whose item statistics were worked out by hand (below), so every
 * number the report gives is checked against arithmetic done without the code.
 *
 *            warm-up  Q1 decay  Q2 k-steps  Q3 gradient  Q4 which-penalty   total (Q1–Q4)
 *   s1         C        C          C           C            X                3
 *   s2         C        C          C           C            X                3
 *   s3         C        C          C           X            C                3
 *   s4         C        C          X           C            C                3
 *   s5         X        C          X           -            X                1
 *   s6         C        X¹         C           X¹           C                2
 *   s7         C        X¹         X¹          X            C                1
 *   s8         C        X→C²       X           ?³           -                1
 *   s9         C        X          -           X            C                1
 *
 *   ¹ the named mistake "dropped-factor-2"   ² wrong, then right on a 2nd attempt (final: C)
 *   ³ stored as unreadable (status "invalid", as older sessions did)   - no answer
 *   Refused as unreadable and kept by the room (no attempt used): s5 twice and s2 once on Q3.
 *
 * The warm-up is worth 0 points: it has a correct rate and item statistics but no share in the
 * totals. Ranked by total (ties in join order): s1 s2 s3 s4 s6 s5 s7 s8 s9; thirds of ⌊9/3⌋ = 3:
 * upper {s1, s2, s3}, lower {s7, s8, s9}.
 */
const lesson = (() => {
  const l = builtInLesson();
  // Two attempts on Q1, so s8 can correct themselves.
  return { ...l, activities: l.activities.map((a) => ({ ...a, questions: a.questions.map((q) => (q.id === "l2-decay-factor" ? { ...q, attempts: 2 } : q)) })) };
})();

const templates = questionsById(lesson);
const Q = { warm: "warmup-overfitting", q1: "l2-decay-factor", q2: "l2-decay-k-steps", q3: "l2-gradient", q4: "which-penalty-zeros" } as const;
const ANSWER: Record<string, { right: string; wrong: string }> = {
  [Q.warm]: { right: "overfitting", wrong: "underfitting" },
  [Q.q1]: { right: "0.998", wrong: "0.999" },
  [Q.q2]: { right: "0.98", wrong: "0.99" },
  [Q.q3]: { right: "2*lambda*w", wrong: "lambda*w" },
  [Q.q4]: { right: "l1", wrong: "l2" },
};
// C right, X wrong, D wrong with dropped-factor-2, R wrong then right, I unreadable, - none.
const GRID: Record<string, string> = {
  s1: "CCCCX", s2: "CCCCX", s3: "CCCXC", s4: "CCXCC", s5: "XCX-X", s6: "CDCDC", s7: "CDDXC", s8: "CRXI-", s9: "CX-XC",
};
const ORDER = [Q.warm, Q.q1, Q.q2, Q.q3, Q.q4];
// First-attempt times for Q1 (9 answers) and Q2 (8 answers), in ms.
const Q1_MS: Record<string, number> = { s1: 4000, s2: 8000, s3: 6000, s4: 10000, s5: 30000, s6: 12000, s7: 20000, s8: 9000, s9: 15000 };
const Q2_MS: Record<string, number> = { s1: 5000, s2: 7000, s3: 9000, s4: 11000, s5: 13000, s6: 15000, s7: 17000, s8: 40000 };

function scriptedClass(): ReportInput {
  const responses: ReportResponse[] = [];
  const row = (pid: string, qid: string, answer: string, status: string, o: Partial<ReportResponse> = {}): ReportResponse => ({
    participantId: pid, questionId: qid, attempt: 1, params: sampleParams(templates.get(qid)!.question, 0), answer, status,
    correct: status === "correct" ? true : status === "ungraded" ? null : false, score: status === "correct" ? 1 : 0,
    feedbackKey: null, msToAnswer: (qid === Q.q1 ? Q1_MS[pid] : qid === Q.q2 ? Q2_MS[pid] : 5000) ?? 5000, answeredAt: 1000, ...o,
  });
  for (const [pid, marks] of Object.entries(GRID)) {
    [...marks].forEach((m, i) => {
      const qid = ORDER[i];
      const a = ANSWER[qid];
      if (m === "C") responses.push(row(pid, qid, a.right, "correct"));
      else if (m === "X") responses.push(row(pid, qid, a.wrong, "incorrect"));
      else if (m === "D") responses.push(row(pid, qid, a.wrong, "incorrect", { feedbackKey: "dropped-factor-2" }));
      else if (m === "I") responses.push(row(pid, qid, "2 lambda w ??", "invalid"));
      else if (m === "R") {
        responses.push(row(pid, qid, a.wrong, "incorrect"));
        responses.push(row(pid, qid, a.right, "correct", { attempt: 2, msToAnswer: 25000, answeredAt: 2000 }));
      }
    });
  }
  return {
    session: { id: "s", code: "ITEM01", status: "ended", createdAt: 0, endedAt: 10_000 },
    lesson,
    participants: Object.keys(GRID).map((id, i) => ({ id, nickname: id.toUpperCase(), joinedAt: i, removed: false })),
    openedQuestions: ORDER.map((questionId, i) => ({ questionId, at: 100 * (i + 1) })),
    responses,
    experimentRuns: [],
    unreadable: [{ participantId: "s5", questionId: Q.q3 }, { participantId: "s5", questionId: Q.q3 }, { participantId: "s2", questionId: Q.q3 }],
  };
}

describe("item statistics of a scripted class, checked against hand-computed numbers", () => {
  const r = buildReport(scriptedClass());
  const q = (id: string) => r.questions.find((x) => x.id === id)!;

  it("totals follow the one score definition (the 0-point warm-up is not in them)", () => {
    const totals = Object.fromEntries(r.students.map((s) => [s.id, s.score]));
    expect(totals).toEqual({ s1: 3, s2: 3, s3: 3, s4: 3, s5: 1, s6: 2, s7: 1, s8: 1, s9: 1 });
    expect(r.overview.gradedQuestionsAsked).toBe(4);
    expect(r.students.find((s) => s.id === "s8")).toMatchObject({ answered: 4, correct: 1, graded: 4, correctRate: 0.25 });
  });

  it("correct rates over final answers", () => {
    expect(q(Q.warm).item!.correctRate).toBeCloseTo(8 / 9, 12);
    expect(q(Q.q1).item!.correctRate).toBeCloseTo(6 / 9, 12); // s8's 2nd attempt counts
    expect(q(Q.q2).item!.correctRate).toBe(4 / 8);
    expect(q(Q.q3).item!.correctRate).toBe(3 / 8);
    expect(q(Q.q4).item!.correctRate).toBe(5 / 8);
  });

  it("discrimination: upper {s1,s2,s3} against lower {s7,s8,s9}, with the flags", () => {
    // Q1: upper 3/3, lower 1/3 (s8 right in the end) → 2/3
    expect(q(Q.q1).item).toMatchObject({ upper: { size: 3, answered: 3, correct: 3 }, lower: { size: 3, answered: 3, correct: 1 }, flags: [] });
    expect(q(Q.q1).item!.discrimination).toBeCloseTo(2 / 3, 12);
    // Q2: upper 3/3, lower 0/2 (s9 did not answer) → 1
    expect(q(Q.q2).item).toMatchObject({ lower: { answered: 2, correct: 0 }, discrimination: 1, flags: [] });
    // Q3: upper 2/3, lower 0/3 → 2/3
    expect(q(Q.q3).item!.discrimination).toBeCloseTo(2 / 3, 12);
    // Q4: upper 1/3, lower 2/2 → −2/3: strong students missed it more — a likely wrong key.
    expect(q(Q.q4).item!.discrimination).toBeCloseTo(1 / 3 - 1, 12);
    expect(q(Q.q4).item!.flags).toEqual(["reversed"]);
    // Warm-up: everyone in both thirds right → 0: it does not tell strong from weak.
    expect(q(Q.warm).item).toMatchObject({ discrimination: 0, flags: ["no-discrimination"] });
  });

  it("time to answer: the first attempts' quartiles, interpolated like QUARTILE.INC", () => {
    // Q1 sorted: 4 6 8 9 10 12 15 20 30 (s) — s8's first attempt (9 s), not the second (25 s).
    expect(q(Q.q1).time).toEqual({ n: 9, min: 4000, q1: 8000, median: 10000, q3: 15000, max: 30000 });
    // Q2 sorted: 5 7 9 11 13 15 17 40 (s): positions 1.75, 3.5, 5.25.
    expect(q(Q.q2).time).toEqual({ n: 8, min: 5000, q1: 8500, median: 12000, q3: 15500, max: 40000 });
    expect(q(Q.q2).medianMsToAnswer).toBe(12000);
  });

  it("unreadable share: of everything sent, what could not be read (refused ones included)", () => {
    // Q3: 8 stored attempts (one of them s8's unreadable) + 3 refused (s5 ×2, s2) = 11 sent; 4 unreadable by 3 students.
    expect(q(Q.q3).item).toMatchObject({ unreadable: 4, unreadableStudents: 3, submissions: 11 });
    expect(q(Q.q3).item!.unreadableShare).toBeCloseTo(4 / 11, 12);
    // Q1: 9 first attempts + s8's second = 10 sent, none unreadable. Refusals change no score: s5 has 1 of 4.
    expect(q(Q.q1).item).toMatchObject({ unreadable: 0, unreadableStudents: 0, submissions: 10, unreadableShare: 0 });
    expect(r.students.find((s) => s.id === "s5")).toMatchObject({ answered: 4, correct: 1 });
  });

  it("what next: who needs help, missed questions, common mistakes, participation", () => {
    const w = r.whatNext;
    expect(w.helpBelow).toBe(0.5);
    // Below 50 %: s5 s7 s8 s9 (1 of 4). s6 is at 50 % but made "dropped the 2" twice.
    expect(w.needsHelp.map((s) => [s.participantId, s.belowThreshold, s.repeatedMistakes.map((m) => `${m.key}×${m.count}`)])).toEqual([
      ["s5", true, []], ["s7", true, ["dropped-factor-2×2"]], ["s8", true, []], ["s9", true, []], ["s6", false, ["dropped-factor-2×2"]],
    ]);
    // A repeated mistake is grouped by key, but each question keeps its own wording.
    const s6 = w.needsHelp.find((s) => s.participantId === "s6")!;
    expect(s6.repeatedMistakes[0].questions.map((m) => [m.questionId, m.label])).toEqual([
      [Q.q1, "Used 1 − ηλ (dropped the 2)"], [Q.q3, "Gave λw (dropped the 2)"],
    ]);
    expect(w.missedQuestions.map((m) => [m.questionId, m.correctRate])).toEqual([[Q.q3, 3 / 8]]);
    // One entry per question's mistake: Q1's label and count are Q1's (2), not the key's total (4).
    expect(w.commonMistakes.map((m) => [m.questionId, m.label, m.count])).toEqual([
      [Q.q1, "Used 1 − ηλ (dropped the 2)", 2], [Q.q2, "Used (1 − ηλ)^k (dropped the 2)", 1], [Q.q3, "Gave λw (dropped the 2)", 1],
    ]);
    expect(w.commonMistakes[0].feedback).toContain("derivative of $w^2$");
    expect(w.commonMistakes[0].alsoIn.map((m) => [m.questionId, m.label, m.count])).toEqual([
      [Q.q2, "Used (1 − ηλ)^k (dropped the 2)", 1], [Q.q3, "Gave λw (dropped the 2)", 1],
    ]);
    expect(w.commonMistakes[2].feedback).toContain("power rule");
    expect(w.participation.map((p) => `${p.answered}/${p.of}`)).toEqual(["9/9", "9/9", "8/9", "8/9", "8/9"]);
    // A lower threshold: only those below it, and s6/s7 for their repeated mistake.
    const strict = buildReport(scriptedClass(), { helpBelow: 0.25 });
    expect(strict.whatNext.needsHelp.map((s) => s.participantId)).toEqual(["s7", "s6"]);
  });

  it("fewer than six students: no discrimination index (thirds of one say nothing)", () => {
    const small = scriptedClass();
    small.participants = small.participants.slice(0, 5);
    const rep = buildReport(small);
    expect(rep.questions.every((x) => x.item === null || (x.item.discrimination === null && x.item.upper === null))).toBe(true);
  });
});

describe("quantiles", () => {
  it("interpolate between order statistics", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.75)).toBe(10);
    expect(timeSummary([])).toBeNull();
  });
});
