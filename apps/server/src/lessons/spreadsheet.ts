import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { LESSON_LIMITS, lessonFromRows, type ImportReport, type QuestionRow } from "@livelab/core/lesson";

/**
 * Kahoot's question sheet (.xlsx, read with exceljs) and CSV files with the same columns (read
 * with csv-parse) as rows for core's `lessonFromRows`. The header row is found by its cells
 * ("Question", "Answer 1", …, "Time limit", "Correct answer(s)"), wherever the template's
 * instructions put it; row numbers are the ones a spreadsheet program shows.
 */

/** Kahoot's sheet has four answer columns; a CSV may use up to LiveLab's twelve options. */
const MAX_ANSWERS = { xlsx: 4, csv: 12 } as const;

interface Columns {
  question: number;
  answers: { n: number; col: number }[];
  timeLimit: number;
  correct: number;
  type: number;
  tolerance: number;
  explanation: number;
}

/** Which column holds what, from a header row's cell texts (-1: absent). */
function columnsOf(header: string[]): Columns | null {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h.trim().toLowerCase()));
  const question = find(/^question\b/);
  if (question < 0) return null;
  const answers = header
    .map((h, col) => ({ m: /^answer\s*(\d+)/.exec(h.trim().toLowerCase()), col }))
    .filter((x) => x.m)
    .map((x) => ({ n: Number(x.m![1]), col: x.col }))
    .sort((a, b) => a.n - b.n);
  return {
    question, answers, timeLimit: find(/^time\s*limit/), correct: find(/^correct/),
    type: find(/^type$/), tolerance: find(/^tolerance/), explanation: find(/^(explanation|solution)/),
  };
}

function rowsFrom(cells: string[][], firstRow: number): { rows: QuestionRow[]; problem: string | null } {
  const headerAt = cells.slice(0, 30).findIndex((r) => columnsOf(r) !== null);
  if (headerAt < 0) return { rows: [], problem: "no header row: the sheet needs a \"Question\" column, \"Answer 1\"…, \"Time limit\" and \"Correct answer(s)\" (Kahoot's template)" };
  const cols = columnsOf(cells[headerAt])!;
  const body = cells.slice(headerAt + 1);
  if (body.length > LESSON_LIMITS.importRows) return { rows: [], problem: `${body.length} rows: at most ${LESSON_LIMITS.importRows} questions per file` };
  const cell = (r: string[], c: number) => (c >= 0 ? (r[c] ?? "") : "");
  const rows = body.map((r, i) => {
    // Cells right of the named columns with something in them count as extra answers (a sixth answer typed past "Answer 4").
    const named = new Set([cols.question, cols.timeLimit, cols.correct, cols.type, cols.tolerance, cols.explanation, ...cols.answers.map((a) => a.col)]);
    const lastNamed = Math.max(...named);
    const extra = r.slice(lastNamed + 1).filter((x) => x.trim() !== "");
    return {
      row: firstRow + headerAt + 1 + i,
      question: cell(r, cols.question),
      answers: [...cols.answers.map((a) => cell(r, a.col)), ...extra],
      timeLimit: cell(r, cols.timeLimit),
      correct: cell(r, cols.correct),
      type: cell(r, cols.type),
      tolerance: cell(r, cols.tolerance),
      explanation: cell(r, cols.explanation),
    };
  });
  return { rows, problem: null };
}

class TooManyRows extends Error {
  constructor(rows: number) {
    super(`${rows} rows: at most ${LESSON_LIMITS.importRows} questions per file`);
  }
}

/** One sheet's cells as text, row by row from row 1 (exceljs renders numbers, formulas' results and rich text). */
async function xlsxCells(bytes: Uint8Array): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  // Instructions above the header take a few rows; past that, the sheet is too long to read.
  if (sheet.rowCount > LESSON_LIMITS.importRows + 40) throw new TooManyRows(sheet.rowCount);
  const out: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const width = Math.min(row.cellCount, 40);
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text ?? "");
    out.push(cells);
  }
  return out;
}

function csvCells(bytes: Uint8Array): string[][] {
  return parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 100_000, trim: false }) as string[][];
}

/** A lesson title from a file name: "Week 3 quiz.xlsx" → "Week 3 quiz". */
function titleFrom(filename: string): string {
  return filename.replace(/^.*[\\/]/, "").replace(/\.(xlsx|csv)$/i, "").replace(/[_]+/g, " ").trim().slice(0, 200) || "Imported questions";
}

export async function readSpreadsheet(format: "xlsx" | "csv", bytes: Uint8Array, filename: string): Promise<ImportReport> {
  let cells: string[][];
  try {
    cells = format === "xlsx" ? await xlsxCells(bytes) : csvCells(bytes);
  } catch (e) {
    if (e instanceof TooManyRows) return { format, lesson: null, accepted: 0, problems: [{ row: null, path: null, reason: e.message }] };
    return { format, lesson: null, accepted: 0, problems: [{ row: null, path: null, reason: `the file could not be read as ${format === "xlsx" ? "an Excel workbook" : "CSV"}: ${(e as Error).message}` }] };
  }
  const { rows, problem } = rowsFrom(cells, 1);
  if (problem) return { format, lesson: null, accepted: 0, problems: [{ row: null, path: null, reason: problem }] };
  const r = lessonFromRows(rows, { title: titleFrom(filename), maxAnswers: MAX_ANSWERS[format] });
  return { format, lesson: r.lesson, accepted: r.accepted.length, problems: r.problems.map((p) => ({ row: p.row, path: null, reason: p.reason })) };
}
