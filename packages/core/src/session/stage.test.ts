import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { questionSeed, sampleParams } from "../questions/sampling.ts";
import { answerTex, keyLine, stagePrompt, symbolTex } from "../questions/stageText.ts";
import type { SessionCommand } from "./commands.ts";
import { reduce } from "./reduce.ts";
import { studentReview } from "./review.ts";
import { stageView, WALL_MAX } from "./stageView.ts";
import { emptyState, type SessionState } from "./state.ts";
import { classProgress } from "./teacherViews.ts";
import { paramsNow } from "./timeline.ts";
import { revealedResult, studentQuestionState } from "./views.ts";

const lesson = builtInLesson();
const index = (id: string) => lesson.activities.findIndex((a) => a.id === id);
const template = (id: string) => lesson.activities.flatMap((a) => a.questions).find((q) => q.id === id)!;
const NO_POINTS = { experimentPoints: () => [] };

function harness() {
  let state: SessionState = emptyState();
  let now = 5_000_000;
  const run = (cmd: SessionCommand) => {
    const r = reduce(state, cmd, { now, lesson });
    if (r.ok) state = r.state;
    return r;
  };
  run({ type: "create", sessionId: "s1", code: "ABC123", lessonId: lesson.id, seed: 99 });
  for (const [pid, name] of [["p1", "Ann"], ["p2", "Bo"], ["p3", "Cy"]]) run({ type: "join", participantId: pid, nickname: name, nicknameKey: name.toLowerCase() });
  const answer = (pid: string, qid: string, text: string | string[]) => run({ type: "answer", participantId: pid, questionId: qid, idempotencyKey: `k-${pid}-${qid}-${now}`, answer: text });
  const stage = () => stageView(state, { now, lesson }, NO_POINTS);
  return { run, answer, stage, get state() { return state; }, tick: (ms: number) => (now += ms), get now() { return now; } };
}

/** The right answer of one student's copy of a numeric question, as they would type it. */
function rightNumber(h: ReturnType<typeof harness>, pid: string, qid: string): string {
  return String(revealedResultFor(h, pid, qid));
}
function revealedResultFor(h: ReturnType<typeof harness>, pid: string, qid: string): number {
  const p = sampleParams(template(qid), questionSeed(h.state.seed, pid, qid));
  if (qid === "l2-decay-factor") return Number((1 - 2 * p.eta * p.lambda).toPrecision(10));
  throw new Error(qid);
}

describe("the stage is a function of the session state", () => {
  it("lobby: the full join card with names; after the start a strip, the card back on command and gone with the next activity", () => {
    const h = harness();
    expect(h.stage()).toMatchObject({ status: "lobby", joinCard: true, joined: 3, names: ["Ann", "Bo", "Cy"], blank: false });
    // Starting where the lobby is (activity 1): the class goes live, the join card becomes a strip.
    h.run({ type: "goTo", index: 0 });
    expect(h.stage()).toMatchObject({ status: "live", joinCard: false, names: [] });
    const again = h.run({ type: "goTo", index: 0 });
    expect(again.ok && again.events).toEqual([]);
    h.run({ type: "goTo", index: 1 });
    h.run({ type: "stage", patch: { joinCard: true } });
    expect(h.stage().joinCard).toBe(true);
    h.run({ type: "goTo", index: 2 });
    expect(h.stage().joinCard).toBe(false);
    h.run({ type: "stage", patch: { blank: true } });
    expect(h.stage().blank).toBe(true);
    // Nothing to change: no event.
    const same = h.run({ type: "stage", patch: { blank: true } });
    expect(same.ok && same.events).toEqual([]);
  });

  it("a numeric question: symbols instead of anyone's numbers, a count, no distribution before the reveal, then the formula", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor", durationSec: 30 });
    let q = h.stage().question!;
    expect(q).toMatchObject({ questionId: "l2-decay-factor", status: "open", answered: 0, of: 3, bars: null, reveal: null, resultsShown: false });
    expect(q.deadline).toBe(h.now + 30_000);
    // Each student's number is a box the room reads as "your own number", never a hole ("with λ.").
    expect(q.prompt).toContain("learning rate $\\eta = \\square$");
    expect(q.prompt).toContain("with $\\lambda = \\square$.");
    expect(q.prompt).not.toMatch(/\{\{|0\.05|0\.1\b|0\.2\b|0\.001|0\.01\b/);
    expect(q.symbols).toEqual(["\\eta", "\\lambda"]);
    h.answer("p1", "l2-decay-factor", rightNumber(h, "p1", "l2-decay-factor"));
    h.answer("p2", "l2-decay-factor", "0.5");
    h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "teacher" });
    h.run({ type: "showOnProjector", questionId: "l2-decay-factor" });
    q = h.stage().question!;
    // Results up, but a number's buckets ("right answer", named mistakes) would give it away.
    expect(q).toMatchObject({ answered: 2, resultsShown: true, bars: null, deadline: null });
    h.run({ type: "revealQuestion", questionId: "l2-decay-factor" });
    q = h.stage().question!;
    expect(q.bars!.map((b) => [b.label, b.count])).toEqual([["Right answer", 1], ["Other wrong answers", 1]]);
    expect(q.reveal).toEqual({ answer: "1-2\\cdot {\\eta}\\cdot {\\lambda}", keyLine: keyLine(template("l2-decay-factor")) });
  });

  it("a choice question: lettered options in one class order, the distribution when shown, the right one marked only at the reveal", () => {
    const h = harness();
    h.run({ type: "openQuestion", questionId: "warmup-overfitting" });
    const open = h.stage().question!;
    expect(open.options.map((o) => o.letter)).toEqual(["A", "B", "C", "D"]);
    expect(open.options.some((o) => "correct" in o)).toBe(false);
    const letterOf = (text: string) => open.options.find((o) => o.text.startsWith(text))!.letter;
    // Every phone shows the same letters, whatever its own order.
    for (const pid of ["p1", "p2"]) {
      const mine = studentQuestionState(h.state, { now: 0, lesson }, pid, "warmup-overfitting")!.view.options!;
      for (const o of mine) expect(o.letter).toBe(open.options.find((x) => x.text === o.text)!.letter);
    }
    h.answer("p1", "warmup-overfitting", "overfitting");
    h.answer("p2", "warmup-overfitting", "underfitting");
    h.run({ type: "showOnProjector", questionId: "warmup-overfitting" });
    const shown = h.stage().question!;
    expect(shown.bars!.find((b) => b.letter === letterOf("The model is overfitting"))).toMatchObject({ count: 1, tone: "option" });
    expect(shown.bars!.some((b) => "correct" in b)).toBe(false);
    h.run({ type: "revealQuestion", questionId: "warmup-overfitting" });
    const revealed = h.stage().question!;
    expect(revealed.options.filter((o) => o.correct).map((o) => o.letter)).toEqual([letterOf("The model is overfitting")]);
    expect(revealed.reveal!.keyLine).toMatch(/^The optimizer is doing its job/);
  });

  it("opening the next question takes the previous question's results down: the stage shows the question now open", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("which-penalty-zeros") });
    h.run({ type: "openQuestion", questionId: "which-penalty-zeros" });
    h.answer("p1", "which-penalty-zeros", "l1");
    h.run({ type: "revealQuestion", questionId: "which-penalty-zeros" });
    expect(h.stage().question).toMatchObject({ questionId: "which-penalty-zeros", resultsShown: true });
    const opened = h.run({ type: "openQuestion", questionId: "why-l1-zeros" });
    expect(opened.ok && opened.events.map((e) => e.type)).toEqual(["question.opened", "projector.changed"]);
    expect(h.stage().question).toMatchObject({ questionId: "why-l1-zeros", status: "open", resultsShown: false, wall: null, bars: null });
    // Nothing on the projector: opening adds no projector event.
    h.run({ type: "closeQuestion", questionId: "why-l1-zeros", reason: "teacher" });
    const third = h.run({ type: "openQuestion", questionId: "lasso-zero-condition" });
    expect(third.ok && third.events.map((e) => e.type)).toEqual(["question.opened"]);
    expect(h.stage().question).toMatchObject({ questionId: "lasso-zero-condition", status: "open", resultsShown: false });
  });

  it("the class's letters are a seeded shuffle: across sessions the right option is not always A", () => {
    const letters = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const s = reduce(emptyState(), { type: "create", sessionId: "x", code: "X1X1", lessonId: lesson.id, seed }, { now: 0, lesson });
      if (!s.ok) throw new Error("create");
      const r = reduce(s.state, { type: "openQuestion", questionId: "warmup-overfitting" }, { now: 1, lesson });
      if (!r.ok) throw new Error("open");
      const r2 = reduce(r.state, { type: "revealQuestion", questionId: "warmup-overfitting" }, { now: 2, lesson });
      if (!r2.ok) throw new Error("reveal");
      letters.add(stageView(r2.state, { now: 3, lesson }, NO_POINTS).question!.options.find((o) => o.correct)!.letter);
    }
    expect(letters.size).toBeGreaterThan(1);
  });

  it("the text wall: anonymous unless names are shown, hidden answers left out, capped to one screen", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("which-penalty-zeros") });
    h.run({ type: "openQuestion", questionId: "why-l1-zeros" });
    h.answer("p1", "why-l1-zeros", "corners of the diamond");
    h.answer("p2", "why-l1-zeros", "something rude");
    h.run({ type: "moderateText", questionId: "why-l1-zeros", participantId: "p2", hidden: true });
    expect(h.stage().question!.wall).toBeNull(); // not shown yet
    h.run({ type: "showOnProjector", questionId: "why-l1-zeros" });
    expect(h.stage().question!.wall).toEqual([{ text: "corners of the diamond" }]);
    h.run({ type: "stage", patch: { namesShown: true } });
    expect(h.stage().question!.wall).toEqual([{ text: "corners of the diamond", name: "Ann" }]);
    h.run({ type: "moderateText", questionId: "why-l1-zeros", participantId: "p2", hidden: false });
    expect(h.stage().question!.wall!.map((t) => t.text)).toEqual(["corners of the diamond", "something rude"]);
    // The console sees every text with its author and hidden flag.
    expect(classProgress(h.state, lesson, new Set(), false).questions.find((x) => x.questionId === "why-l1-zeros")!.texts!.map((t) => [t.participantId, t.hidden])).toEqual([["p1", false], ["p2", false]]);
    const refused = h.run({ type: "moderateText", questionId: "which-penalty-zeros", participantId: "p1", hidden: true });
    expect(refused.ok ? null : refused.error.code).toBe("BAD_REQUEST");
    expect(WALL_MAX).toBeLessThanOrEqual(30);
  });

  it("add time: an untimed question gets a timer, a timed one runs longer; only while open", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.run({ type: "extendQuestion", questionId: "l2-decay-factor", seconds: 30 });
    expect(h.state.questions["l2-decay-factor"].deadline).toBe(h.now + 30_000);
    h.tick(10_000);
    h.run({ type: "extendQuestion", questionId: "l2-decay-factor", seconds: 30 });
    expect(h.state.questions["l2-decay-factor"].deadline).toBe(h.now + 50_000);
    // The old deadline's timer firing now does nothing; the new one closes it.
    h.tick(25_000);
    h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "deadline" });
    expect(h.state.questions["l2-decay-factor"].status).toBe("open");
    h.tick(30_000);
    h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "deadline" });
    expect(h.state.questions["l2-decay-factor"].status).toBe("closed");
    const late = h.run({ type: "extendQuestion", questionId: "l2-decay-factor", seconds: 30 });
    expect(late.ok ? null : late.error.code).toBe("QUESTION_NOT_OPEN");
  });

  it("an unreadable answer is refused and kept (up to 3 per student and question): the console says 'tried — unreadable', not 'waiting'", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    const bad = h.answer("p3", "l2-decay-factor", "abc");
    expect(bad.ok ? null : bad.error.code).toBe("INVALID_ANSWER");
    const note = () => h.run({ type: "noteUnreadable", participantId: "p3", questionId: "l2-decay-factor", answer: "abc\u0000", reason: "not a number" });
    for (let i = 0; i < 3; i++) expect(note()).toMatchObject({ ok: true, events: [{ type: "answer.unreadable", answer: "abc", reason: "not a number" }] });
    const fourth = note();
    expect(fourth.ok && fourth.events).toEqual([]);
    expect(h.state.unreadable["l2-decay-factor"]).toEqual({ p3: 3 });
    let progress = classProgress(h.state, lesson, new Set(), false).questions[0];
    expect(progress.unreadableBy).toEqual(["p3"]);
    expect(progress.bars.find((b) => b.tone === "unreadable")).toMatchObject({ label: "Tried — unreadable", count: 1 });
    // Once they send a readable answer they are no longer "unreadable".
    h.answer("p3", "l2-decay-factor", "0.5");
    progress = classProgress(h.state, lesson, new Set(), false).questions[0];
    expect(progress.unreadableBy).toEqual([]);
  });

  it("pairing stores a hash only; revoking clears it; both still work after the end, nothing else does", () => {
    const h = harness();
    const hash = "a".repeat(64);
    expect(h.run({ type: "pairViewers", codeHash: "not-a-hash" }).ok).toBe(false);
    h.run({ type: "pairViewers", codeHash: hash });
    expect(h.state.pairing).toEqual({ codeHash: hash, at: h.now });
    h.run({ type: "end" });
    expect(h.run({ type: "stage", patch: { podium: true } }).ok).toBe(true);
    expect(h.run({ type: "goTo", index: 2 }).ok).toBe(false);
    h.run({ type: "revokeViewers" });
    expect(h.state.pairing).toBeNull();
  });

  it("closure: participation, per-question correct rate, the most common named mistakes by label, a podium only when on", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    const p = (pid: string) => sampleParams(template("l2-decay-factor"), questionSeed(h.state.seed, pid, "l2-decay-factor"));
    h.answer("p1", "l2-decay-factor", rightNumber(h, "p1", "l2-decay-factor"));
    h.answer("p2", "l2-decay-factor", String(Number((1 - p("p2").eta * p("p2").lambda).toPrecision(10))));
    h.run({ type: "end" });
    let summary = h.stage().summary!;
    expect(summary).toMatchObject({ joined: 3, tookPart: 2, podium: null, uCurve: null });
    expect(summary.questions).toEqual([{ title: "Weight decay, one step", answered: 2, correct: 1, graded: true }]);
    expect(summary.mistakes).toEqual([{ label: "Used 1 − ηλ (dropped the 2)", question: "Weight decay, one step", count: 1 }]);
    expect(h.stage().question).toBeNull();
    h.run({ type: "stage", patch: { podium: true } });
    summary = h.stage().summary!;
    expect(summary.podium).toEqual([{ rank: 1, nickname: "Ann", correct: 1 }]);
  });
});

describe("the podium never names the bottom of the class", () => {
  /** A class whose student i got `counts[i]` of the exit ticket's two choice questions right. */
  function classWith(counts: number[]) {
    let state: SessionState = emptyState();
    const ctx = { now: 1, lesson };
    const run = (cmd: SessionCommand) => {
      const r = reduce(state, cmd, ctx);
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    };
    run({ type: "create", sessionId: "s", code: "PODIUM", lessonId: lesson.id, seed: 7 });
    const names = counts.map((_, i) => `S${String.fromCharCode(65 + i)}`);
    names.forEach((n, i) => run({ type: "join", participantId: `p${i}`, nickname: n, nicknameKey: n.toLowerCase() }));
    const exit = lesson.activities[index("exit-ticket")];
    run({ type: "goTo", index: index("exit-ticket") });
    const choice = exit.questions.filter((q) => q.kind === "single");
    for (const q of choice) run({ type: "openQuestion", questionId: q.id });
    counts.forEach((c, i) => choice.forEach((q, k) => {
      if (q.kind !== "single") return;
      const wrong = q.options.find((o) => o.id !== q.correct)!.id;
      run({ type: "answer", participantId: `p${i}`, questionId: q.id, idempotencyKey: `${i}-${q.id}`, answer: k < c ? q.correct! : wrong });
    }));
    run({ type: "stage", patch: { podium: true } });
    run({ type: "end" });
    return stageView(state, ctx, NO_POINTS).summary!.podium!.map((p) => `${p.rank}:${p.nickname}`);
  }
  it("3 students: only the first, never the third; a tie at the top of 3 names nobody below it", () => {
    expect(classWith([2, 1, 0])).toEqual(["1:SA"]);
    expect(classWith([2, 2, 0])).toEqual([]);
  });
  it("2 students: no podium at all (naming the top names the bottom)", () => {
    expect(classWith([2, 1])).toEqual([]);
  });
  it("6 students: three places, all in the top half; nobody with the lowest count, nobody with none right", () => {
    expect(classWith([2, 1, 1, 0, 0, 0])).toEqual(["1:SA", "2:SB", "2:SC"]);
    expect(classWith([2, 2, 2, 2, 2, 0])).toEqual([]);
    expect(classWith([2, 1, 1, 1, 1, 1])).toEqual(["1:SA"]);
  });
});

describe("what students read", () => {
  it("one verdict, said once; choices by their letter and text, never an id", () => {
    const h = harness();
    h.run({ type: "openQuestion", questionId: "warmup-overfitting" });
    h.answer("p1", "warmup-overfitting", "overfitting");
    h.answer("p2", "warmup-overfitting", "underfitting");
    h.run({ type: "revealQuestion", questionId: "warmup-overfitting" });
    const ctx = { now: 0, lesson };
    const right = revealedResult(h.state, ctx, "p1", "warmup-overfitting")!;
    expect(right.headline).toBe("Correct!");
    expect(right.feedback).toMatch(/^The optimizer is doing its job/);
    const wrong = revealedResult(h.state, ctx, "p2", "warmup-overfitting")!;
    // The warm-up is worth no points: a different answer is not told as a miss.
    expect(wrong.headline).toBe("Not this one — no points either way.");
    expect(wrong.expected).toMatch(/^[A-D]: The model is overfitting/);
    expect(wrong.yourAnswerText).toMatch(/^[A-D]: The model is underfitting/);
    expect(JSON.stringify([wrong.expected, wrong.yourAnswerText])).not.toMatch(/underfitting"|"overfitting/);
  });

  it("a wrong number: 'Not quite.' once, the right number shown, no doubled explanation", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.answer("p1", "l2-decay-factor", "0.5");
    h.run({ type: "revealQuestion", questionId: "l2-decay-factor" });
    const r = revealedResult(h.state, { now: 0, lesson }, "p1", "l2-decay-factor")!;
    expect(r).toMatchObject({ headline: "Not quite.", feedback: "", expected: rightNumber(h, "p1", "l2-decay-factor") });
  });

  it("the look-back after class: every asked question with their answer, the right one and the worked solution", () => {
    const h = harness();
    h.run({ type: "openQuestion", questionId: "warmup-overfitting" });
    h.answer("p1", "warmup-overfitting", "lr-too-small");
    h.run({ type: "goTo", index: index("decay-factor") });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.run({ type: "end" });
    const items = studentReview(h.state, { now: 0, lesson }, "p1");
    expect(items.map((i) => [i.questionId, i.status])).toEqual([["warmup-overfitting", "incorrect"], ["l2-decay-factor", "unanswered"]]);
    expect(items[1].expected).toBe(rightNumber(h, "p1", "l2-decay-factor"));
    expect(items[1].solution).toContain("so the factor is");
    expect(items[1].prompt).not.toContain("{{");
    expect(items[0].options!.map((o) => o.letter)).toEqual(["A", "B", "C", "D"]);
  });
});

describe("projector text", () => {
  it("symbols for every per-student number of the built-in lesson, and a formula for each numeric answer", () => {
    for (const a of lesson.activities) {
      for (const q of a.questions) {
        const prompt = stagePrompt(q);
        expect(prompt, q.id).not.toContain("{{");
        if (q.kind === "numeric") expect(answerTex(q), q.id).toBeTruthy();
      }
    }
    expect(symbolTex("eta")).toBe("\\eta");
    expect(symbolTex("w0", "w₀")).toBe("w_{0}");
    expect(symbolTex("l1", "λ₁")).toBe("\\lambda_{1}");
    expect(symbolTex("best", "best step")).toBe("\\text{best step}");
  });

  it("play at the end restarts with the parameters set at the end", () => {
    const h = harness();
    h.run({ type: "goTo", index: index("overfit-poly") });
    h.run({ type: "sim", op: { op: "seek", step: 1500 } });
    h.run({ type: "sim", op: { op: "set", params: { l2: 0.01 } } });
    expect(paramsNow(h.state.timeline!).l2).toBe(0.01);
    h.run({ type: "sim", op: { op: "play" } });
    expect(h.state.timeline).toMatchObject({ playing: true, stepAtAnchor: 0, changes: [] });
    expect(h.state.timeline!.params.l2).toBe(0.01);
  });
});
