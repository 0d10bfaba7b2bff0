import type { Lesson } from "@livelab/core/lesson";
import type { SessionState } from "@livelab/core/session";

/** Live answer statistics for the teacher (and, when the teacher chooses, the projector). */
export interface QuestionProgress {
  questionId: string;
  kind: string;
  status: string;
  answered: number;
  /** Counts per bucket: option ids for choices; correct / named mistakes / other / invalid otherwise. */
  distribution: Record<string, number>;
  /** Who has answered (participant ids), so the console can tick names off. */
  answeredBy: string[];
  /** Short-text answers, without names, for discussion on the projector. */
  texts?: string[];
}

export interface ClassProgress {
  joined: number;
  connected: number;
  questions: QuestionProgress[];
  /** The participant list, included only when it changed since the last message. */
  participants?: { id: string; nickname: string; removed: boolean; connected: boolean }[];
}

export function questionProgress(s: SessionState, lesson: Lesson): QuestionProgress[] {
  const activity = lesson.activities[s.activityIndex];
  const out: QuestionProgress[] = [];
  for (const q of activity?.questions ?? []) {
    const rt = s.questions[q.id];
    if (!rt) continue;
    const byParticipant = s.answers[q.id] ?? {};
    const distribution: Record<string, number> = {};
    const texts: string[] = [];
    const answeredBy: string[] = [];
    const bump = (k: string) => { distribution[k] = (distribution[k] ?? 0) + 1; };
    for (const [pid, attempts] of Object.entries(byParticipant)) {
      const last = attempts.at(-1);
      if (!last) continue;
      answeredBy.push(pid);
      const r = last.result;
      if (q.kind === "single") {
        if (typeof last.answer === "string") bump(last.answer);
      } else if (q.kind === "multiple") {
        if (Array.isArray(last.answer)) for (const a of last.answer) bump(String(a));
      } else if (q.kind === "text") {
        if (r.status !== "invalid" && r.normalized !== undefined) texts.push(r.normalized);
        else if (typeof last.answer === "string") texts.push(last.answer.trim());
        bump(r.status);
      } else {
        bump(r.status === "correct" ? "correct" : r.status === "invalid" ? "invalid" : (r.feedbackKey ?? "other"));
      }
    }
    out.push({ questionId: q.id, kind: q.kind, status: rt.status, answered: answeredBy.length, distribution, answeredBy, ...(q.kind === "text" ? { texts } : {}) });
  }
  return out;
}

/**
 * Calls `send` at most once per `intervalMs` after something changed. Per-student actions
 * (a join, an answer) only mark the room dirty; one coalesced message goes to the teacher.
 * This is what keeps a 2,000-student room from becoming 2,000² messages.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  constructor(private readonly send: () => void, private readonly intervalMs = 250) {}

  markDirty(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = Date.now();
      this.send();
    }, wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
