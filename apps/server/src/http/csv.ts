import { stringify } from "csv-stringify/sync";
import type { SessionReport } from "@livelab/core/report";
import { loss, percent, readable, resultWord } from "./exportCells.ts";

export type Cell = string | number | boolean | null;

/** A plain decimal number as spreadsheets read one: optional sign, digits, optional fraction and exponent. */
export const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a
 * formula, so a nickname like `=HYPERLINK(...)` would become a link or worse (CSV injection).
 * Text cells that start that way get a leading apostrophe, which spreadsheets show as text.
 * A number is not a formula: `-0.5` or `+1e-3` (a typed numeric answer) is left as it is, so a
 * spreadsheet reads a number; `-0.5+1`, `-` or `-2*lambda*w` are not numbers and are guarded.
 */
export function spreadsheetSafe(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  return PLAIN_NUMBER.test(text) ? text : `'${text}`;
}

/**
 * RFC 4180 CSV via csv-stringify: CRLF line ends, a header row, fields with commas, quotes or
 * line breaks quoted (quotes doubled). UTF-8 with a byte-order mark so Excel reads accented
 * nicknames correctly (csv-parse and other readers skip it with their `bom` option).
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const safe = (c: Cell) => (typeof c === "string" ? spreadsheetSafe(c) : c === null ? "" : c);
  return stringify([header.map(spreadsheetSafe), ...rows.map((r) => r.map(safe))], { bom: true, record_delimiter: "\r\n", cast: { boolean: (b) => (b ? "true" : "false") } });
}

/**
 * One row per student: their score (core's one definition), then each asked question's final
 * answer and result ("Q3 answer", "Q3 result": the report's numbering, as in the workbook), then
 * experiments. "Student ID" is the stable id; the rate is a percent to a tenth, like the gradebook.
 */
export function studentsCsv(report: SessionReport): string {
  const header = ["Student", "Student ID", "Joined (UTC)", "Removed", "Questions asked", "Answered", "Correct", "Graded questions", "Correct rate (%)", "Score", "Maximum"];
  for (const q of report.questions) header.push(`Q${q.n} answer`, `Q${q.n} result`);
  for (const e of report.experiments) header.push(`${e.title}: ${e.label}`, `${e.title}: validation loss`);
  const options = new Set(report.questions.filter((q) => q.kind === "single" || q.kind === "multiple").map((q) => q.id));
  const rows = report.students.map((s): Cell[] => {
    const row: Cell[] = [s.nickname, s.id, new Date(s.joinedAt).toISOString(), s.removed, report.overview.questionsAsked, s.answered, s.correct, s.graded, percent(s.correctRate), s.score, s.maxScore];
    for (const q of report.questions) {
      const a = s.answers[q.id];
      row.push(a ? (options.has(q.id) ? readable(a.answer) : a.answer) : null, a ? resultWord(a.status) : "not answered");
    }
    for (const e of report.experiments) row.push(s.experiments[e.activityId]?.value ?? null, loss(s.experiments[e.activityId]?.valLoss));
    return row;
  });
  return toCsv(header, rows);
}

/**
 * The gradebook: one row per student still in the class (removed ones are left out), in the
 * generic shape Moodle's "Import grades from CSV" and Canvas's gradebook import read — a header
 * row, a name column, an id column and one numeric column per grade. Columns (docs/PROTOCOL.md):
 * `Student` (nickname), `ID` (LiveLab participant id), `Score` (points earned), `Maximum`
 * (points available), `Percent` (0–100, one decimal).
 */
export function gradebookCsv(report: SessionReport): string {
  const header = ["Student", "ID", "Score", "Maximum", "Percent"];
  const rows = report.students
    .filter((s) => !s.removed)
    .sort((a, b) => a.nickname.localeCompare(b.nickname))
    .map((s): Cell[] => [s.nickname, s.id, s.score, s.maxScore, s.maxScore > 0 ? Math.round((1000 * s.score) / s.maxScore) / 10 : null]);
  return toCsv(header, rows);
}
