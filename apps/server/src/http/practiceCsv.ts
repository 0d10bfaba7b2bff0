import type { MasteryGridView } from "@livelab/core/protocol";
import { toCsv } from "./csv.ts";

/**
 * The mastery grid as CSV (the report CSVs' conventions, csv.ts: a header row, numbers as
 * numbers, text guarded against formulas, UTF-8 with a BOM): one row per student; per skill its
 * level (not-started, practising, mastered, retained), correct answers, graded answers and
 * whether a review is due; per assignment how many of its skills the student has mastered.
 */
export function masteryCsv(grid: MasteryGridView): string {
  const header = ["student", "student_id", "skills_mastered"];
  for (const s of grid.skills) header.push(`${s.id} level`, `${s.id} correct`, `${s.id} answers`, `${s.id} review_due`);
  for (const a of grid.assignments) header.push(`${a.title} (skills mastered of ${a.skills.length})`);
  const rows = grid.rows.map((r) => {
    const row: (string | number | boolean | null)[] = [r.name, r.studentId, r.mastered];
    for (const s of grid.skills) {
      const c = r.cells[s.id];
      row.push(c.level, c.correct, c.attempts, c.reviewDue);
    }
    for (const a of grid.assignments) row.push(a.perStudent[r.studentId]?.mastered ?? 0);
    return row;
  });
  return toCsv(header, rows);
}
