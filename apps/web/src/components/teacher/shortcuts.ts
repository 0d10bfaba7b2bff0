/** Every presenter shortcut of the console, in the order the `?` overlay lists them. */
export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Enter"], what: "the main button: open → close and show results → reveal → next" },
  { keys: ["→", "PageDown"], what: "next activity (clickers send PageDown)" },
  { keys: ["←", "PageUp"], what: "previous activity" },
  { keys: ["Space"], what: "play / pause the simulation" },
  { keys: ["S"], what: "one step forward (Shift+S: ten back)" },
  { keys: ["O"], what: "open the next question" },
  { keys: ["C"], what: "close the open question" },
  { keys: ["V"], what: "show / hide the results on the projector" },
  { keys: ["R"], what: "reveal the answer" },
  { keys: ["+"], what: "add 30 seconds to the open question" },
  { keys: ["T"], what: "timer for the next question: none, 10 s, 20 s, 30 s, 1 min, 2 min" },
  { keys: ["B", "."], what: "blank the projector / bring it back" },
  { keys: ["J"], what: "show / hide the join card with the QR code" },
  { keys: ["N"], what: "show / hide names on the wall of written answers" },
  { keys: ["?"], what: "this list" },
];

/** Keys typed into a field belong to that field. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === "INPUT") return !["checkbox", "radio", "range", "button", "submit"].includes((el as HTMLInputElement).type);
  return el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
}

/**
 * The action name for a key press, or null. A control focused with Tab keeps the keys it acts
 * on: Enter and Space on a button or link, Space on a checkbox, arrows on a slider. A control
 * clicked with the mouse holds no focus (`useClickLeavesNoFocus`), so after a click these keys
 * are the console's shortcuts again.
 */
export function shortcutFor(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null }): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  const el = e.target as HTMLElement | null;
  const tag = el?.tagName ?? "";
  const type = tag === "INPUT" ? (el as HTMLInputElement).type : "";
  const pressable = tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || type === "button" || type === "submit";
  switch (e.key) {
    case "Enter": return pressable ? null : "primary";
    case " ": return pressable || type === "checkbox" || type === "radio" ? null : "playPause";
    case "ArrowRight": case "ArrowLeft": if (type === "range") return null; return e.key === "ArrowRight" ? "next" : "previous";
    case "PageDown": return "next";
    case "PageUp": return "previous";
    case "s": return "step";
    case "S": return e.shiftKey ? "stepBack" : "step";
    case "o": case "O": return "open";
    case "c": case "C": return "close";
    case "v": case "V": return "results";
    case "r": case "R": return "reveal";
    case "+": case "=": return "addTime";
    case "t": case "T": return "timer";
    case "b": case "B": case ".": return "blank";
    case "j": case "J": return "joinCard";
    case "n": case "N": return "names";
    case "?": return "help";
    case "Escape": return "escape";
    default: return null;
  }
}
