import type { TeacherState } from "@livelab/core/protocol";

/**
 * The one button that moves the class on: Open → Close and show results → Reveal → the next
 * question … → Next activity → End. Decided from the teacher state alone, so the button, the
 * Enter key and a clicker all do the same thing.
 */
export type PrimaryAction =
  | { kind: "open"; questionId: string; label: string }
  | { kind: "closeAndShow"; questionId: string; label: string }
  | { kind: "show"; questionId: string; label: string }
  | { kind: "reveal"; questionId: string; label: string }
  | { kind: "next"; index: number; label: string }
  | { kind: "start"; index: number; label: string }
  | { kind: "end"; label: string }
  | { kind: "none"; label: string };

export function primaryAction(state: TeacherState): PrimaryAction {
  if (state.status === "ended") return { kind: "none", label: "The class has ended" };
  const action = nextAction(state);
  if (state.status !== "lobby") return action;
  // From the lobby the first press starts the class (the join card gives way to the activity).
  if (action.kind === "next" || action.kind === "end") return { kind: "start", index: state.activity.index, label: "Start the class" };
  return { ...action, label: `Start: ${action.label.charAt(0).toLowerCase()}${action.label.slice(1)}` };
}

function nextAction(state: TeacherState): PrimaryAction {
  const index = state.activity.index;
  const activity = state.lesson.activities[index];
  const qs = activity.questions;
  for (const [i, q] of qs.entries()) {
    const rt = state.questionRuntime[q.id];
    const which = qs.length > 1 ? ` ${i + 1} of ${qs.length}` : "";
    if (!rt) return { kind: "open", questionId: q.id, label: `Open question${which}` };
    if (rt.status === "open") return { kind: "closeAndShow", questionId: q.id, label: q.kind === "text" ? "Close and show the answers" : "Close and show results" };
    if (rt.status === "closed") {
      if (state.projectorQuestion !== q.id) return { kind: "show", questionId: q.id, label: "Show results" };
      return { kind: "reveal", questionId: q.id, label: q.kind === "text" ? "Show the worked answer" : "Reveal the answer" };
    }
  }
  const next = state.lesson.activities[index + 1];
  if (next) return { kind: "next", index: index + 1, label: `Next: ${next.title}` };
  return { kind: "end", label: "End the class" };
}
