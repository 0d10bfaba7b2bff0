import type { Evidence } from "./evidence.ts";

/**
 * A simulated student for the practice tests: answers at a clock the test moves (no real time),
 * each on a new variant unless told otherwise. Test support only (not exported by the package).
 */
export class SimulatedStudent {
  readonly history: Evidence[] = [];
  private n = 0;
  constructor(public now: number, readonly skill: string) {}

  /** Move the simulated clock on. */
  wait(ms: number): this {
    this.now += ms;
    return this;
  }

  answer(correct: boolean, o: { hint?: boolean; variant?: string; mistake?: string; source?: Evidence["source"]; skills?: string[] } = {}): Evidence {
    const e: Evidence = {
      id: `e${String(this.n).padStart(4, "0")}`, at: this.now, source: o.source ?? "practice", lessonId: "l", questionId: "q",
      variant: o.variant ?? `v${this.n}`, skills: o.skills ?? [this.skill], correct, hintUsed: o.hint ?? false,
      mistake: o.mistake ? { key: o.mistake, label: `Label of ${o.mistake}` } : null,
    };
    this.n++;
    this.now += 60_000;
    this.history.push(e);
    return e;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2026-12-01T08:00:00Z */
export const T0 = 1_796_112_000_000;
