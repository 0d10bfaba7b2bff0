import type { Evidence } from "./evidence.ts";
import type { MasteryRule } from "./mastery.ts";

/** A named mistake made often enough, recently enough, to be a misconception rather than a slip. */
export interface Misconception {
  key: string;
  label: string;
  /** How often it appears among the recent answers the rule looks at. */
  count: number;
  lastAt: number;
}

/**
 * Misconceptions recognised in a skill's graded answers (oldest first): a named mistake that
 * appears `misconceptionRepeats` times among the last `misconceptionWindow` answers. A student
 * who keeps answering right pushes old mistakes out of the window, so a corrected idea stops
 * being reported. Most frequent first, then the most recent.
 */
export function misconceptionsIn(graded: readonly Evidence[], rule: Pick<MasteryRule, "misconceptionRepeats" | "misconceptionWindow">): Misconception[] {
  const recent = graded.slice(-rule.misconceptionWindow);
  const seen = new Map<string, Misconception>();
  for (const e of recent) {
    if (e.correct || !e.mistake) continue;
    const m = seen.get(e.mistake.key);
    if (m) {
      m.count++;
      m.lastAt = e.at;
    } else seen.set(e.mistake.key, { key: e.mistake.key, label: e.mistake.label, count: 1, lastAt: e.at });
  }
  return [...seen.values()].filter((m) => m.count >= rule.misconceptionRepeats).sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.key.localeCompare(b.key));
}
