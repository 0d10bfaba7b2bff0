import { fillPlaceholders } from "../questions/render.ts";
import { questionSeed, sampleParams } from "../questions/sampling.ts";
import { optionLetters } from "./resultBars.ts";
import type { SessionContext, SessionState } from "./state.ts";
import { revealedResult, type RevealedResult } from "./views.ts";

/** One question as a student looks back at it after class: their numbers, their answer, the right one, the worked solution. */
export interface ReviewItem extends RevealedResult {
  /** The activity it was asked in (a heading for the list). */
  activityTitle: string;
  /** The prompt with this student's own numbers. */
  prompt: string;
  /** Choice questions: the options with the class's letters. */
  options?: { letter: string; text: string }[];
}

/**
 * Every question the class was asked, for one student, in lesson order. Only after the class
 * has ended (the server refuses before): it holds every right answer and worked solution.
 */
export function studentReview(s: SessionState, ctx: SessionContext, participantId: string): ReviewItem[] {
  const out: ReviewItem[] = [];
  for (const a of ctx.lesson.activities) {
    for (const q of a.questions) {
      if (!s.questions[q.id]) continue;
      const result = revealedResult(s, ctx, participantId, q.id);
      if (!result) continue;
      const params = sampleParams(q, questionSeed(s.seed, participantId, q.id));
      const item: ReviewItem = { ...result, activityTitle: a.title, prompt: fillPlaceholders(q.prompt, params) };
      if (q.kind === "single" || q.kind === "multiple") {
        const letters = optionLetters(q, s.seed);
        item.options = q.options.map((o) => ({ letter: letters[o.id], text: fillPlaceholders(o.text, params) })).sort((x, y) => x.letter.localeCompare(y.letter));
      }
      out.push(item);
    }
  }
  return out;
}
