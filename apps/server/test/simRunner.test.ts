/**
 * The server's simulation keeps keyframes along the run (issue 12 (5)): a keyframe is one of
 * them, at most `keyframeSpacing` steps before the step asked, it resumes bit-identically, and
 * asking again — or going back and forth — computes nothing new.
 */
import { resume, Simulation } from "@livelab/core/sim";
import { newTimeline, type Timeline } from "@livelab/core/session";
import { describe, expect, it, vi } from "vitest";
import { keyframeSpacing, SimRunner } from "../src/live/simRunner.ts";

const timeline = (params: Record<string, number> = {}): Timeline => {
  const t = newTimeline("dropout", { presetId: "dropout-moons", params: {}, seed: 42, steps: 2000 }, 0);
  return { ...t, params: { ...t.params, ...params } };
};

describe("SimRunner keyframes", () => {
  it("a keyframe is a kept one just before the step, and resumes to the same weights", async () => {
    const t = timeline();
    const spacing = keyframeSpacing(t);
    expect(spacing).toBe(63); // 2,000 steps / 32 kept keyframes, rounded up
    const runner = new SimRunner();
    const { keyframe: kf, history } = await runner.keyframe(t, 1234);
    // The loss history comes with it, up to the keyframe's step (for a late screen's chart).
    expect(history.steps.at(-1)).toBeLessThanOrEqual(kf.step);
    expect(history.steps.at(-1)).toBeGreaterThan(kf.step - 2 * Math.ceil(t.maxSteps / 300));
    expect(history.lanes[0].val).toHaveLength(history.steps.length);
    expect(kf.step).toBe(Math.floor(1234 / spacing) * spacing);
    const fromKeyframe = resume(kf, t.changes);
    fromKeyframe.advanceTo(1234);
    const replay = Simulation.create({ presetId: t.presetId, params: t.params, seed: t.seed, changes: t.changes });
    replay.advanceTo(1234);
    expect(fromKeyframe.weightsHash()).toBe(replay.weightsHash());
  });

  it("going back and forth reuses kept keyframes (the same objects), and keeps at most ~32", async () => {
    const t = timeline();
    const runner = new SimRunner();
    const kf = async (step: number) => (await runner.keyframe(t, step)).keyframe;
    const end = await kf(t.maxSteps);
    expect(end.step).toBe(t.maxSteps); // the last step is kept too: a finished run rests there
    const start = await kf(0);
    expect(start.step).toBe(0);
    const kept = runner.keptKeyframes;
    expect(kept).toBeLessThanOrEqual(Math.ceil(t.maxSteps / keyframeSpacing(t)) + 2);
    for (let i = 0; i < 10; i++) {
      expect(await kf(t.maxSteps)).toBe(end);
      expect(await kf(0)).toBe(start);
    }
    // A checkpoint after a jump back resumes from a kept keyframe: fewer steps than the spacing,
    // where the old runner replayed all 1,999 from step 0.
    const steps = vi.spyOn(Simulation.prototype, "stepOnce");
    const cp = await runner.checkpoint({ ...t, stepAtAnchor: t.maxSteps - 1, playing: false }, 0);
    expect(cp.step).toBe(t.maxSteps - 1);
    expect(steps.mock.calls.length).toBeLessThan(keyframeSpacing(t));
    steps.mockRestore();
    expect(runner.keptKeyframes).toBe(kept);
  });

  it("a changed simulation (the teacher set λ) starts a new set of keyframes", async () => {
    const runner = new SimRunner();
    const a = (await runner.keyframe(timeline(), 500)).keyframe;
    const b = (await runner.keyframe(timeline({ keepProb: 0.5 }), 500)).keyframe;
    expect(b.step).toBe(a.step);
    expect(b).not.toBe(a);
    expect(b.params).not.toEqual(a.params);
  });
});
