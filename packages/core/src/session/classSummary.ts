import type { Lesson } from "../lesson/schema.ts";
import { personalSummary } from "./score.ts";
import type { SessionState } from "./state.ts";

/** The class's closure on the projector: how many took part, how each question went, what tripped people up. */
export interface ClassSummary {
  joined: number;
  /** Students who answered at least one question. */
  tookPart: number;
  questions: { title: string; answered: number; correct: number; graded: boolean }[];
  /** The most common named mistakes over the whole class, by label. */
  mistakes: { label: string; question: string; count: number }[];
  /** Top places by correct answers (never by speed); null unless the teacher turned the podium on. */
  podium: { rank: number; nickname: string; correct: number }[] | null;
}

/** Short names for questions: the activity's title, numbered when the activity asked several. */
export function questionTitles(lesson: Lesson): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of lesson.activities) {
    a.questions.forEach((q, i) => out.set(q.id, a.questions.length > 1 ? `${a.title} (${i + 1})` : a.title));
  }
  return out;
}

/**
 * The summary of a class from its state. Counts the last attempt of each student, like the
 * console and the report; a question is graded when it has points and a right answer.
 */
export function classSummary(s: SessionState, lesson: Lesson): ClassSummary {
  const titles = questionTitles(lesson);
  const present = Object.values(s.participants).filter((p) => !p.removed);
  const tookPart = new Set<string>();
  const questions: ClassSummary["questions"] = [];
  const mistakeCounts = new Map<string, { label: string; question: string; count: number }>();
  for (const a of lesson.activities) {
    for (const q of a.questions) {
      if (!s.questions[q.id]) continue;
      const labels = new Map((q.kind === "numeric" || q.kind === "expression" ? q.mistakes : []).map((m) => [m.key, m.label]));
      let answered = 0;
      let correct = 0;
      let graded = false;
      for (const [pid, attempts] of Object.entries(s.answers[q.id] ?? {})) {
        const last = attempts.at(-1);
        if (!last || s.participants[pid]?.removed) continue;
        answered++;
        tookPart.add(pid);
        if (last.result.correct !== null) graded = true;
        if (last.result.correct) correct++;
        const label = last.result.feedbackKey ? labels.get(last.result.feedbackKey) : undefined;
        if (label) {
          const key = `${q.id}|${label}`;
          const m = mistakeCounts.get(key) ?? { label, question: titles.get(q.id) ?? "", count: 0 };
          m.count++;
          mistakeCounts.set(key, m);
        }
      }
      questions.push({ title: titles.get(q.id) ?? "", answered, correct, graded: graded && q.points > 0 });
    }
  }
  const mistakes = [...mistakeCounts.values()].sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)).slice(0, 3);
  return { joined: present.length, tookPart: tookPart.size, questions, mistakes, podium: s.stage.podium ? podium(s, lesson) : null };
}

/** Below this many students there is no podium: in a class of two, naming the top names the bottom. */
export const PODIUM_MIN_CLASS = 3;

/**
 * Up to the top three places by correct answers; ties share a place (and are listed by name).
 * It never names the bottom of the class: only students in the top half are named (3 students:
 * the first only; 4 or 5: two; 6 or more: up to three places), a tie is named whole or not at
 * all, and nobody with the class's lowest count is named. Under PODIUM_MIN_CLASS: none.
 */
function podium(s: SessionState, lesson: Lesson): ClassSummary["podium"] {
  const everyone = Object.values(s.participants)
    .filter((p) => !p.removed)
    .map((p) => ({ nickname: p.nickname, correct: personalSummary(s, lesson, p.id).correct }))
    .sort((a, b) => b.correct - a.correct || a.nickname.localeCompare(b.nickname));
  if (everyone.length < PODIUM_MIN_CLASS) return [];
  const lowest = everyone[everyone.length - 1].correct;
  const topHalf = Math.floor(everyone.length / 2);
  const out: { rank: number; nickname: string; correct: number }[] = [];
  for (let i = 0; i < everyone.length; ) {
    // One place: everyone tied with student i.
    let j = i;
    while (j < everyone.length && everyone[j].correct === everyone[i].correct) j++;
    const rank = i + 1;
    if (rank > 3 || j > topHalf || everyone[i].correct <= lowest || everyone[i].correct === 0 || j > 6) break;
    for (const p of everyone.slice(i, j)) out.push({ rank, ...p });
    i = j;
  }
  return out;
}
