import ExcelJS from "exceljs";

/**
 * Kahoot's question sheet as its template lays it out (instructions above the header row), with
 * `rows` below the header. Shared by the server's import tests and the browser tests.
 */
export async function kahootSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Sheet1");
  sheet.addRow(["Quiz template"]);
  sheet.addRow(["Add questions, at least two answer alternatives, time limit and choose correct answers (at least one)."]);
  sheet.addRow([]);
  sheet.addRow(["", "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters", "Answer 3 - max 75 characters", "Answer 4 - max 75 characters", "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one"]);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
