import { parseNumber } from "../questions/parseNumber.ts";
import type { QuestionTemplateInput } from "../questions/schema.ts";
import type { LessonInput } from "./schema.ts";
import { checkLesson } from "./validate.ts";

/**
 * Questions from a spreadsheet — Kahoot's question sheet (.xlsx) or a CSV with the same columns
 * — as a lesson: one question activity per good row, and for every other row its number and
 * the reason it was left out. Reading the file is the caller's job (the server uses exceljs and
 * csv-parse); this is the pure part, so the web import, the CLI and tests share one verdict.
 *
 * Columns (matched by header, case-insensitive): Question, Answer 1…Answer N, Time limit (sec),
 * Correct answer(s) (answer numbers, e.g. "1" or "1,3") — Kahoot's template — and optionally
 * Type (choice | numeric | text), Tolerance ("1%" relative, "0.01" absolute; numeric only) and
 * Explanation (the worked solution shown after the reveal).
 */
export interface QuestionRow {
  /** The row number a spreadsheet program shows (1-based, header rows counted). */
  row: number;
  question: string;
  /** Answer cells in column order; "" for an empty cell (positions matter: "Correct" counts columns). */
  answers: string[];
  timeLimit: string;
  correct: string;
  type?: string;
  tolerance?: string;
  explanation?: string;
}

export interface RowProblem {
  row: number;
  reason: string;
}

export interface RowsImport {
  /** The lesson made of the good rows; null when no row was good. */
  lesson: LessonInput | null;
  /** The rows that became questions. */
  accepted: number[];
  problems: RowProblem[];
}

/**
 * What an import found, before anything is stored: the lesson it would create (null: nothing
 * importable), how many rows or questions it holds, and every problem — a spreadsheet row with
 * its number, or a lesson file's field with its path. The teacher accepts or cancels.
 */
export interface ImportReport {
  format: "json" | "xlsx" | "csv";
  lesson: LessonInput | null;
  /** Questions (spreadsheets) or activities (lesson files) that would be imported. */
  accepted: number;
  problems: { row: number | null; path: string | null; reason: string }[];
}

const OPTION_IDS = "abcdefghijkl";

/** A lesson id from a title: "Week 3 quiz.xlsx" → "week-3-quiz". */
export function slugId(text: string, fallback = "imported-lesson"): string {
  const slug = text.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48).replace(/-+$/, "");
  return /^[a-z0-9]/.test(slug) ? slug : fallback;
}

/** An activity title from a question: plain text when possible, else "Question 3". */
function titleFor(question: string, n: number): string {
  const flat = question.replace(/\s+/g, " ").trim();
  if (/[$\\{}]/.test(flat) || flat === "") return `Question ${n}`;
  return flat.length > 60 ? `${flat.slice(0, 57).trimEnd()}…` : flat;
}

function parseTolerance(text: string): { type: "abs" | "rel"; value: number } | string {
  const t = text.trim();
  const pct = /^([0-9.]+)\s*%$/.exec(t);
  if (pct && Number.isFinite(Number(pct[1]))) return { type: "rel", value: Number(pct[1]) / 100 };
  const n = Number(t.replace(",", "."));
  if (t !== "" && Number.isFinite(n) && n >= 0) return { type: "abs", value: n };
  return `the tolerance "${t}" is not a number or a percentage`;
}

/** One row as a question, or the reason it cannot be one. */
function rowQuestion(r: QuestionRow, maxAnswers: number): QuestionTemplateInput | string {
  const question = r.question.trim();
  const filled = r.answers.map((a, i) => ({ text: a.trim(), column: i + 1 })).filter((a) => a.text !== "");
  if (question === "") return "the question is empty";
  const type = (r.type ?? "").trim().toLowerCase() || (filled.length > 0 ? "choice" : "");
  let timeLimitSec: number | undefined;
  if (r.timeLimit.trim() !== "") {
    const t = Number(r.timeLimit.trim());
    if (!Number.isInteger(t) || t < 5 || t > 3600) return `the time limit "${r.timeLimit.trim()}" must be a whole number of seconds from 5 to 3600`;
    timeLimitSec = t;
  }
  const common = { id: `q${r.row}`, prompt: question, ...(timeLimitSec ? { timeLimitSec } : {}), ...(r.explanation?.trim() ? { solution: r.explanation.trim() } : {}) };
  if (type === "choice") {
    if (filled.length > maxAnswers) return `${filled.length} answers: at most ${maxAnswers}`;
    if (filled.length < 2) return `${filled.length} answer${filled.length === 1 ? "" : "s"}: a choice question needs at least 2`;
    const picks = r.correct.split(/[\s,;]+/).filter(Boolean);
    if (picks.length === 0) return "no correct answer: give the number of the right answer (e.g. 2, or 1,3 for several)";
    const columns: number[] = [];
    for (const p of picks) {
      const n = Number(p);
      const answer = filled.find((a) => a.column === n);
      if (!Number.isInteger(n) || !answer) return `the correct answer "${p}" is not the number of a filled answer (${filled.map((a) => a.column).join(", ")})`;
      if (!columns.includes(n)) columns.push(n);
    }
    const idOf = (column: number) => OPTION_IDS[filled.findIndex((a) => a.column === column)];
    const options = filled.map((a, i) => ({ id: OPTION_IDS[i], text: a.text }));
    return columns.length === 1
      ? { ...common, kind: "single", options, correct: idOf(columns[0]) }
      : { ...common, kind: "multiple", options, correct: columns.map(idOf) };
  }
  if (type === "numeric") {
    if (filled.length > 0) return "a numeric question has no answer choices: put the number in the correct-answer column";
    const value = parseNumber(r.correct);
    if (!value.ok) return `the correct answer "${r.correct.trim()}" is not a number`;
    const tolerance = r.tolerance?.trim() ? parseTolerance(r.tolerance) : undefined;
    if (typeof tolerance === "string") return tolerance;
    return { ...common, kind: "numeric", answer: String(value.value), ...(tolerance ? { tolerance } : {}) };
  }
  if (type === "text") {
    if (filled.length > 0 || r.correct.trim() !== "") return "a text question has no answers and no correct answer (it is collected for discussion)";
    return { ...common, kind: "text" };
  }
  if (type === "") return "no answers: a choice question needs at least 2 (or set Type to numeric or text)";
  return `unknown type "${r.type}": use choice, numeric or text`;
}

/**
 * Turn rows into a lesson. Each candidate question is checked with `checkLesson` on its own,
 * so a row whose text or numbers the lesson check refuses is reported with that reason and the
 * others still import. Rows that are entirely empty are skipped without a report.
 */
export function lessonFromRows(rows: QuestionRow[], opts: { title: string; maxAnswers: number }): RowsImport {
  const problems: RowProblem[] = [];
  const activities: LessonInput["activities"] = [];
  const accepted: number[] = [];
  const title = opts.title.replace(/[$\\]/g, "").trim().slice(0, 200) || "Imported questions";
  for (const r of rows) {
    const blank = r.question.trim() === "" && r.answers.every((a) => a.trim() === "") && r.correct.trim() === "" && r.timeLimit.trim() === "" && !r.type?.trim() && !r.explanation?.trim();
    if (blank) continue;
    const q = rowQuestion(r, opts.maxAnswers);
    if (typeof q === "string") {
      problems.push({ row: r.row, reason: q });
      continue;
    }
    const activity = { id: `a${r.row}`, kind: "question" as const, title: titleFor(r.question, activities.length + 1), questions: [q] };
    const alone = checkLesson({ format: "livelab-lesson", version: 1, id: "row", title: "row", activities: [activity] });
    if (!alone.ok) {
      const e = alone.errors[0];
      const field = e.path.replace(/^activities\[0\]\.(questions\[0\]\.)?/, "");
      problems.push({ row: r.row, reason: `${field}: ${e.message}` });
      continue;
    }
    activities.push(activity);
    accepted.push(r.row);
  }
  const lesson: LessonInput | null = activities.length === 0 ? null : { format: "livelab-lesson", version: 1, id: slugId(title), title, summary: "", activities };
  return { lesson, accepted, problems };
}
