import type { MasteryGridView } from "@livelab/core/protocol";
import { toCsv } from "./csv.ts";

/** A mastery level as the grid's legend says it. */
const LEVEL_WORD: Record<string, string> = { "not-started": "not started", practising: "practising", mastered: "mastered", retained: "retained" };

/**
 * The mastery grid as CSV, with the report exports' conventions (csv.ts, exportCells.ts): words
 * in the header and the cells, a stable "Student ID" column for machines, numbers as numbers,
 * text guarded against formulas, UTF-8 with a BOM. One row per student; per skill (by its title)
 * the level, right answers, graded answers and whether a review is due; per assignment how many
 * of its skills the student has mastered.
 */
export function masteryCsv(grid: MasteryGridView): string {
  const header = ["Student", "Student ID", "Skills mastered"];
  for (const s of grid.skills) header.push(`${s.title}: level`, `${s.title}: right`, `${s.title}: answers`, `${s.title}: review due`);
  for (const a of grid.assignments) header.push(`${a.title}: skills mastered (of ${a.skills.length})`);
  const rows = grid.rows.map((r) => {
    const row: (string | number | boolean | null)[] = [r.name, r.studentId, r.mastered];
    for (const s of grid.skills) {
      const c = r.cells[s.id];
      row.push(LEVEL_WORD[c.level] ?? c.level, c.correct, c.attempts, c.reviewDue ? "yes" : "no");
    }
    for (const a of grid.assignments) row.push(a.perStudent[r.studentId]?.mastered ?? 0);
    return row;
  });
  return toCsv(header, rows);
}
