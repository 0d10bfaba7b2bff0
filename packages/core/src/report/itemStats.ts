/**
 * Item statistics, as question banks report them for each question ("item"):
 *
 * - **correct rate** (difficulty, p): correct ÷ answered, over final attempts.
 * - **discrimination index** D = p(upper third) − p(lower third): the class (students not
 *   removed) ranked by their total score, the top ⌊N/3⌋ and the bottom ⌊N/3⌋; p within a group
 *   is correct ÷ answered among its members who answered. Ties at a cut are broken by join order
 *   (earlier first). Null below 6 students (groups of one say nothing) or when a group has no
 *   answer. D near +1: strong students get it, weak ones do not; D ≤ 0: it does not tell them apart.
 * - **time to answer**: the first attempts' times as min, quartiles, max (linear interpolation
 *   between order statistics, as a spreadsheet's QUARTILE.INC).
 * - **unreadable share**: answers that could not be read ÷ every answer sent. A live class
 *   refuses an unreadable answer (it uses no attempt) and keeps up to 3 per student and question
 *   for this count; stored answers with status "invalid" (older sessions) count too.
 *
 * Flags: `no-discrimination` when 0 ≤ D < 0.2 (Ebel's "poor" band: the question does not
 * separate strong from weak students), `reversed` when D < 0 (strong students miss it more than
 * weak ones: check the key and the wording).
 */

export const LOW_DISCRIMINATION = 0.2;
export const MIN_STUDENTS_FOR_DISCRIMINATION = 6;

export type ItemFlag = "no-discrimination" | "reversed";

export interface TimeSummary {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface ItemStats {
  correctRate: number | null;
  discrimination: number | null;
  /** The groups D compares: members, how many of them answered, how many were right. */
  upper: { size: number; answered: number; correct: number } | null;
  lower: { size: number; answered: number; correct: number } | null;
  /** Unreadable answers sent, of `submissions` (stored attempts + unreadable ones), by `unreadableStudents` students. */
  unreadable: number;
  unreadableStudents: number;
  submissions: number;
  unreadableShare: number | null;
  flags: ItemFlag[];
}

/** The q-th quantile (0…1) of sorted values, interpolating linearly (QUARTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function timeSummary(values: readonly number[]): TimeSummary | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, min: s[0], q1: quantile(s, 0.25), median: quantile(s, 0.5), q3: quantile(s, 0.75), max: s[s.length - 1] };
}

/** The upper and lower thirds of a class by total score (input in join order). */
export function classThirds(students: readonly { id: string; score: number }[]): { upper: Set<string>; lower: Set<string> } | null {
  const g = Math.floor(students.length / 3);
  if (students.length < MIN_STUDENTS_FOR_DISCRIMINATION) return null;
  // Array.prototype.sort is stable: equal totals keep join order.
  const ranked = [...students].sort((a, b) => b.score - a.score);
  return { upper: new Set(ranked.slice(0, g).map((s) => s.id)), lower: new Set(ranked.slice(ranked.length - g).map((s) => s.id)) };
}

/** What was sent to a question that could not be read, against everything sent to it. */
export interface UnreadableCount { unreadable: number; students: number; submissions: number }

/** One keyed question's statistics from the class's final attempts (participant id → attempt). */
export function itemStats(finals: ReadonlyMap<string, { status: string; correct: boolean | null }>, thirds: ReturnType<typeof classThirds>, unread: UnreadableCount): ItemStats {
  let answered = 0;
  let correct = 0;
  for (const f of finals.values()) {
    answered++;
    if (f.correct === true) correct++;
  }
  const group = (members: Set<string>) => {
    let a = 0;
    let c = 0;
    for (const id of members) {
      const f = finals.get(id);
      if (!f) continue;
      a++;
      if (f.correct === true) c++;
    }
    return { size: members.size, answered: a, correct: c };
  };
  const upper = thirds ? group(thirds.upper) : null;
  const lower = thirds ? group(thirds.lower) : null;
  const discrimination = upper && lower && upper.answered > 0 && lower.answered > 0 ? upper.correct / upper.answered - lower.correct / lower.answered : null;
  const flags: ItemFlag[] = [];
  if (discrimination !== null) {
    if (discrimination < 0) flags.push("reversed");
    else if (discrimination < LOW_DISCRIMINATION) flags.push("no-discrimination");
  }
  return {
    correctRate: answered > 0 ? correct / answered : null,
    discrimination,
    upper,
    lower,
    unreadable: unread.unreadable,
    unreadableStudents: unread.students,
    submissions: unread.submissions,
    unreadableShare: unread.submissions > 0 ? unread.unreadable / unread.submissions : null,
    flags,
  };
}
