import { describe, expect, it } from "vitest";
import { PLAY_STATE_TEXT, playState } from "./simStory";

describe("a simulation's play state on every screen", () => {
  it("at its last step it is finished, even though the timeline still says playing", () => {
    expect(playState({ playing: true, maxSteps: 600 }, 600)).toBe("finished");
    expect(playState({ playing: false, maxSteps: 600 }, 600)).toBe("finished");
    expect(playState({ playing: true, maxSteps: 600 }, 599)).toBe("playing");
    expect(playState({ playing: false, maxSteps: 600 }, 0)).toBe("paused");
    expect(PLAY_STATE_TEXT.finished).toMatch(/finished/);
  });
});
