import { describe, expect, it } from "vitest";
import type { TeacherState } from "@livelab/core/protocol";
import { primaryAction } from "./primaryAction";
import { shortcutFor } from "./shortcuts";

/** A console state with one activity of two questions and a next activity. */
function state(over: Partial<TeacherState> = {}): TeacherState {
  const q = (id: string, kind = "numeric") => ({ id, kind, prompt: "", stagePrompt: "", params: [], points: 1 });
  return {
    status: "live", activity: { index: 0 }, projectorQuestion: null, questionRuntime: {},
    lesson: { id: "l", title: "L", activities: [
      { id: "a", kind: "question", title: "First", teacherNotes: null, simulation: null, questions: [q("q1"), q("q2", "text")] },
      { id: "b", kind: "simulation", title: "Second", teacherNotes: null, simulation: null, questions: [] },
    ] },
    ...over,
  } as unknown as TeacherState;
}
const rt = (status: "open" | "closed" | "revealed") => ({ status, openedAt: 0, deadline: null, closedAt: null });

describe("the console's main button", () => {
  it("walks each question through open → close and show → reveal, then moves on, then ends", () => {
    expect(primaryAction(state({ status: "lobby" }))).toMatchObject({ kind: "open", questionId: "q1", label: "Start: open question 1 of 2" });
    expect(primaryAction(state({ status: "lobby", activity: { index: 1 } as TeacherState["activity"] }))).toMatchObject({ kind: "start", index: 1, label: "Start the class" });
    expect(primaryAction(state())).toMatchObject({ kind: "open", questionId: "q1", label: "Open question 1 of 2" });
    expect(primaryAction(state({ questionRuntime: { q1: rt("open") } }))).toMatchObject({ kind: "closeAndShow", questionId: "q1" });
    expect(primaryAction(state({ questionRuntime: { q1: rt("closed") } }))).toMatchObject({ kind: "show", questionId: "q1" });
    expect(primaryAction(state({ questionRuntime: { q1: rt("closed") }, projectorQuestion: "q1" }))).toMatchObject({ kind: "reveal", questionId: "q1" });
    expect(primaryAction(state({ questionRuntime: { q1: rt("revealed") } }))).toMatchObject({ kind: "open", questionId: "q2" });
    expect(primaryAction(state({ questionRuntime: { q1: rt("revealed"), q2: rt("open") } })).label).toBe("Close and show the answers");
    expect(primaryAction(state({ questionRuntime: { q1: rt("revealed"), q2: rt("revealed") } }))).toMatchObject({ kind: "next", index: 1, label: "Next: Second" });
    expect(primaryAction(state({ activity: { index: 1 } as TeacherState["activity"] }))).toMatchObject({ kind: "end" });
    expect(primaryAction(state({ status: "ended" })).kind).toBe("none");
  });
});

describe("shortcuts", () => {
  const key = (k: string, target: Partial<HTMLElement & { type: string }> | null = null, shiftKey = false) =>
    shortcutFor({ key: k, shiftKey, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget | null });
  it("clicker keys move between activities; Enter is the main button, except on a focused button", () => {
    expect(key("PageDown")).toBe("next");
    expect(key("PageUp")).toBe("previous");
    expect(key("Enter")).toBe("primary");
    expect(key("Enter", { tagName: "BUTTON" })).toBeNull();
    expect(key("Enter", { tagName: "INPUT", type: "checkbox" })).toBe("primary");
    expect(key(" ", { tagName: "INPUT", type: "checkbox" })).toBeNull();
    expect(key("ArrowRight", { tagName: "INPUT", type: "range" })).toBeNull();
  });
  it("typing into a field is never a shortcut", () => {
    expect(key("b", { tagName: "INPUT", type: "text" })).toBeNull();
    expect(key("Enter", { tagName: "TEXTAREA" })).toBeNull();
    expect(key("b")).toBe("blank");
    expect(key(".")).toBe("blank");
    expect(key("S", null, true)).toBe("stepBack");
    expect(key("?")).toBe("help");
  });
});
