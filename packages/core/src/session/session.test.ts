import { describe, expect, it } from "vitest";
import { builtInLesson } from "../lesson/index.ts";
import { questionSeed, sampleParams } from "../questions/sampling.ts";
import { apply, applyAll, fold } from "./apply.ts";
import type { SessionCommand } from "./commands.ts";
import type { SessionEvent } from "./events.ts";
import { checkAnswer, reduce } from "./reduce.ts";
import { emptyState, type SessionState } from "./state.ts";
import { stepAt } from "./timeline.ts";
import { normalizeNickname } from "./nickname.ts";
import { studentSnapshot } from "./views.ts";

const lesson = builtInLesson();
const decayIndex = lesson.activities.findIndex((a) => a.id === "decay-factor");
const polyIndex = lesson.activities.findIndex((a) => a.id === "overfit-poly");

/** Drive the state machine as the server does (decide, then apply), keeping the event log. */
function harness() {
  let state: SessionState = emptyState();
  const log: SessionEvent[] = [];
  let now = 1_000_000;
  const run = (cmd: SessionCommand, at = now) => {
    now = at;
    const r = reduce(state, cmd, { now, lesson });
    if (r.ok) {
      state = r.state;
      log.push(...r.events);
    }
    return r;
  };
  const answer = (participantId: string, questionId: string, text: string, key: string, at = now) =>
    run({ type: "answer", participantId, questionId, idempotencyKey: key, answer: text }, at);
  run({ type: "create", sessionId: "s1", code: "ABC123", lessonId: lesson.id, seed: 77 });
  return { run, answer, get state() { return state; }, log, tick: (ms: number) => (now += ms) };
}

describe("session state machine", () => {
  it("join: nicknames unique (case/accent-insensitive), locking refuses new joins", () => {
    const h = harness();
    expect(h.run({ type: "join", participantId: "p1", nickname: "Zoë", nicknameKey: normalizeNickname("Zoë").ok ? "zoe" : "" }).ok).toBe(true);
    const dup = h.run({ type: "join", participantId: "p2", nickname: "ZOE", nicknameKey: "zoe" });
    expect(dup.ok ? null : dup.error.code).toBe("NICKNAME_TAKEN");
    h.run({ type: "lockJoins", locked: true });
    const locked = h.run({ type: "join", participantId: "p3", nickname: "Max", nicknameKey: "max" });
    expect(locked.ok ? null : locked.error.code).toBe("JOINS_LOCKED");
  });

  it("questions: open with a server deadline, answers refused after it, duplicates recognized, one attempt", () => {
    const h = harness();
    h.run({ type: "join", participantId: "p1", nickname: "Ann", nicknameKey: "ann" });
    h.run({ type: "join", participantId: "p2", nickname: "Bo", nicknameKey: "bo" });
    const early = h.answer("p1", "l2-decay-factor", "0.998", "key-00000001");
    expect(early.ok ? null : early.error.code).toBe("QUESTION_NOT_OPEN");
    const wrongActivity = h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    expect(wrongActivity.ok).toBe(false);
    h.run({ type: "goTo", index: decayIndex });
    expect(h.run({ type: "openQuestion", questionId: "l2-decay-factor", durationSec: 30 }).ok).toBe(true);
    expect(h.answer("p1", "l2-decay-factor", "0.998", "key-00000001").ok).toBe(true);
    // A resend with the same key changes nothing.
    const again = h.answer("p1", "l2-decay-factor", "0.5", "key-00000001");
    expect(again.ok && again.events).toEqual([]);
    const second = h.answer("p1", "l2-decay-factor", "0.5", "key-00000002");
    expect(second.ok ? null : second.error.code).toBe("ALREADY_ANSWERED");
    h.tick(31_000);
    const late = h.answer("p2", "l2-decay-factor", "0.998", "key-00000003");
    expect(late.ok ? null : late.error.code).toBe("DEADLINE_PASSED");
    expect(h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "deadline" }).ok).toBe(true);
    expect(h.state.questions["l2-decay-factor"].status).toBe("closed");
    expect(h.state.answers["l2-decay-factor"].p1).toHaveLength(1);
  });

  it("a stale deadline timer does not close a reopened question", () => {
    const h = harness();
    h.run({ type: "goTo", index: decayIndex });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor", durationSec: 30 });
    h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "teacher" });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor", durationSec: 60 });
    h.tick(31_000);
    h.run({ type: "closeQuestion", questionId: "l2-decay-factor", reason: "deadline" });
    expect(h.state.questions["l2-decay-factor"].status).toBe("open");
  });

  it("the live state is the fold of the events (what a restarted server rebuilds)", () => {
    const h = harness();
    h.run({ type: "join", participantId: "p1", nickname: "Ann", nicknameKey: "ann" });
    h.run({ type: "goTo", index: polyIndex });
    h.run({ type: "sim", op: { op: "play" } });
    h.tick(5000);
    h.run({ type: "sim", op: { op: "set", params: { l2: 0.01 } } });
    h.run({ type: "goTo", index: decayIndex });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.answer("p1", "l2-decay-factor", "0.999", "key-00000009");
    h.run({ type: "revealQuestion", questionId: "l2-decay-factor" });
    h.run({ type: "pause", paused: true });
    expect(fold(h.log)).toEqual(h.state);
  });

  it("timeline: play, set λ at the current step, pause, seek, speed", () => {
    const h = harness();
    h.run({ type: "goTo", index: polyIndex });
    const t0 = h.state.timeline!;
    expect(t0.presetId).toBe("overfit-poly");
    h.run({ type: "sim", op: { op: "play" } });
    h.tick(10_000); // 10 s at 20 steps/s
    h.run({ type: "sim", op: { op: "set", params: { l2: 0.01 } } });
    const t1 = h.state.timeline!;
    expect(t1.changes).toEqual([{ step: 200, params: { l2: 0.01 } }]);
    h.run({ type: "sim", op: { op: "speed", speed: 4 } });
    h.tick(1000);
    expect(stepAt(h.state.timeline!, 1_011_000)).toBe(280);
    h.run({ type: "sim", op: { op: "pause" } });
    expect(h.state.timeline!.stepAtAnchor).toBe(280);
    const bad = h.run({ type: "sim", op: { op: "set", params: { degree: 3 } } });
    expect(bad.ok ? null : bad.error.code).toBe("INVALID_PARAMS");
    const bad2 = h.run({ type: "sim", op: { op: "set", params: { l2: -1 } } });
    expect(bad2.ok ? null : bad2.error.code).toBe("INVALID_PARAMS");
    h.run({ type: "sim", op: { op: "seek", step: 50 } });
    expect(h.state.timeline!.stepAtAnchor).toBe(50);
    expect(h.state.timeline!.revision).toBeGreaterThan(t1.revision);
  });

  it("pausing everyone freezes the simulation; ending closes questions and refuses everything after", () => {
    const h = harness();
    h.run({ type: "goTo", index: polyIndex });
    h.run({ type: "sim", op: { op: "play" } });
    h.tick(1000);
    h.run({ type: "pause", paused: true });
    expect(h.state.timeline!.playing).toBe(false);
    expect(h.state.timeline!.stepAtAnchor).toBe(20);
    h.run({ type: "goTo", index: decayIndex });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.run({ type: "end" });
    expect(h.state.status).toBe("ended");
    expect(h.state.questions["l2-decay-factor"].status).toBe("closed");
    const r = h.run({ type: "join", participantId: "p9", nickname: "Late", nicknameKey: "late" });
    expect(r.ok ? null : r.error.code).toBe("SESSION_ENDED");
  });

  it("student snapshots hide answers until the reveal, then show the student's own result", () => {
    const h = harness();
    h.run({ type: "join", participantId: "p1", nickname: "Ann", nicknameKey: "ann" });
    h.run({ type: "goTo", index: decayIndex });
    const before = studentSnapshot(h.state, { now: 0, lesson }, "p1");
    expect(before.questions).toEqual([]); // not asked yet
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    const t = lesson.activities[decayIndex].questions[0];
    const { eta, lambda } = sampleParams(t, questionSeed(h.state.seed, "p1", t.id));
    h.answer("p1", "l2-decay-factor", String(1 - eta * lambda), "key-00000001");
    const open = studentSnapshot(h.state, { now: 0, lesson }, "p1");
    const json = JSON.stringify(open);
    expect(json).not.toMatch(/dropped-factor-2|derivative of|"expected"|1 - 2\*eta/);
    expect(open.questions[0].attemptsUsed).toBe(1);
    expect(open.questions[0].result).toBeNull();
    h.run({ type: "revealQuestion", questionId: "l2-decay-factor" });
    const after = studentSnapshot(h.state, { now: 0, lesson }, "p1");
    expect(after.questions[0].result).toMatchObject({ correct: false, feedbackKey: "dropped-factor-2" });
    expect(after.questions[0].result!.solution).toContain("factor");
  });

  it("checkAnswer refuses removed participants and paused classes", () => {
    const h = harness();
    h.run({ type: "join", participantId: "p1", nickname: "Ann", nicknameKey: "ann" });
    h.run({ type: "goTo", index: decayIndex });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.run({ type: "pause", paused: true });
    expect(checkAnswer(h.state, "p1", "l2-decay-factor", "k-1234567", { now: 0, lesson })).toMatchObject({ kind: "refuse", error: { code: "SESSION_PAUSED" } });
    h.run({ type: "pause", paused: false });
    h.run({ type: "remove", participantId: "p1" });
    expect(checkAnswer(h.state, "p1", "l2-decay-factor", "k-1234567", { now: 0, lesson })).toMatchObject({ kind: "refuse", error: { code: "PARTICIPANT_REMOVED" } });
    expect(checkAnswer(h.state, "nobody", "l2-decay-factor", "k-1234567", { now: 0, lesson })).toMatchObject({ kind: "refuse", error: { code: "FORBIDDEN" } });
  });

  it("nicknames are trimmed, stripped of invisible characters and length-limited", () => {
    expect(normalizeNickname("  Ann   Lee ")).toMatchObject({ ok: true, nickname: "Ann Lee", key: "ann lee" });
    expect(normalizeNickname("A\u200bnn\u202e")).toMatchObject({ ok: true, nickname: "Ann" });
    expect(normalizeNickname("   ").ok).toBe(false);
    expect(normalizeNickname("x".repeat(25)).ok).toBe(false);
    expect(normalizeNickname(42).ok).toBe(false);
    expect(normalizeNickname("<b>hi</b>")).toMatchObject({ ok: true, nickname: "<b>hi</b>" }); // rendered as text, not HTML
  });

  it("apply is pure: a frozen state goes in unchanged, and a batch equals one event at a time", () => {
    const h = harness();
    h.run({ type: "join", participantId: "p1", nickname: "Ann", nicknameKey: "ann" });
    h.run({ type: "goTo", index: decayIndex });
    h.run({ type: "openQuestion", questionId: "l2-decay-factor" });
    h.answer("p1", "l2-decay-factor", "0.998", "key-00000010");
    const before = h.state;
    const frozen = structuredClone(before);
    deepFreeze(before);
    const events: SessionEvent[] = [
      { type: "participant.joined", participantId: "p2", nickname: "Bo", nicknameKey: "bo", at: 5 },
      { type: "answer.recorded", participantId: "p2", questionId: "l2-decay-factor", attempt: 1, idempotencyKey: "key-00000011", answer: "0.5", params: { eta: 0.1, lambda: 0.01 }, result: { status: "incorrect", correct: false, score: 0, feedback: "", feedbackKey: null, expected: "" }, at: 6 },
      { type: "participant.removed", participantId: "p1", at: 7 },
      { type: "question.revealed", questionId: "l2-decay-factor", at: 8 },
    ];
    const batch = applyAll(before, events);
    expect(before).toEqual(frozen); // would throw on write (frozen), and is unchanged
    expect(batch).toEqual(events.reduce(apply, before));
    expect(batch.participants.p1.removed).toBe(true);
    expect(before.participants.p1.removed).toBe(false);
    expect(batch.answers["l2-decay-factor"].p2).toHaveLength(1);
    expect(before.answers["l2-decay-factor"].p2).toBeUndefined();
    expect(batch.nicknameKeys.get("bo")).toBe("p2");
    expect(before.nicknameKeys.has("bo")).toBe(false);
  });

  it("ids that name Object.prototype's members are unknown ids, and change nothing", () => {
    const h = harness();
    h.run({ type: "goTo", index: decayIndex });
    for (const id of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const removed = h.run({ type: "remove", participantId: id });
      expect(removed.ok ? "ok" : removed.error.code).toBe("BAD_REQUEST");
      const revealed = h.run({ type: "revealQuestion", questionId: id });
      expect(revealed.ok ? "ok" : revealed.error.code).toBe("QUESTION_NOT_OPEN");
      const shown = h.run({ type: "showOnProjector", questionId: id });
      expect(shown.ok ? "ok" : shown.error.code).toBe("QUESTION_NOT_OPEN");
      const closed = h.run({ type: "closeQuestion", questionId: id, reason: "teacher" });
      expect(closed.ok ? "ok" : closed.error.code).toBe("QUESTION_NOT_OPEN");
      const answered = h.answer(id, "l2-decay-factor", "1", "key-00000012");
      expect(answered.ok ? "ok" : answered.error.code).toBe("FORBIDDEN");
    }
    expect(Object.keys(h.state.participants)).toEqual([]);
  });
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    if (o instanceof Map) for (const v of o.values()) deepFreeze(v);
    else for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
