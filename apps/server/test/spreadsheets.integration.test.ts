import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { builtInLesson } from "@livelab/core/lesson";
import type { SessionReport } from "@livelab/core/report";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backends, connect, expectOk, newKey, signUpTeacher, startServer, tearDown, testDatabase,
  type Client, type RunningServer, type TeacherClient, type TestDatabase,
} from "./helpers.ts";

/**
 * The exports opened by a real spreadsheet program: LibreOffice (headless) converts the CSV
 * files and the xlsx workbook, and the cells are read back. Numbers — a negative typed answer
 * included — must come back as numbers, dates as dates, and a nickname that is a formula
 * (`=HYPERLINK(…)`) as inert text, never as a formula. LibreOffice runs formulas in a CSV by
 * default, so without the guard this test fails.
 */

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
const inCI = process.env.CI === "true" || process.env.CI === "1";
if (!SOFFICE && inCI) throw new Error("CI must install LibreOffice (libreoffice-calc-nogui, see .ci/run)");
if (!SOFFICE) console.warn("skipping the LibreOffice round trip: soffice not installed (apt-get install -y libreoffice-calc-nogui)");

const HOSTILE = "=HYPERLINK(\"http://x\")"; // nicknames are at most 24 characters
const lesson = builtInLesson();
const activityIndex = (id: string) => lesson.activities.findIndex((a) => a.id === id);

/** Convert a file with LibreOffice into `format` (e.g. "xlsx"); CSV input is read as UTF-8, comma-separated. */
function convert(dir: string, file: string, format: string): string {
  const out = join(dir, `out-${format}-${file.replace(/\W/g, "_")}`);
  mkdirSync(out, { recursive: true });
  const args = ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "profile")}`];
  if (file.endsWith(".csv")) args.push("--infilter=CSV:44,34,76,1");
  execFileSync(SOFFICE!, [...args, "--convert-to", format, "--outdir", out, join(dir, file)], { stdio: "pipe", timeout: 120_000 });
  return join(out, file.replace(/\.\w+$/, `.${format}`));
}

/** Every cell of a sheet, keyed by its header and row (row 1 is the header). */
async function readSheets(path: string): Promise<Map<string, ExcelJS.Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets = new Map<string, ExcelJS.Cell[][]>();
  for (const ws of wb.worksheets) {
    const rows: ExcelJS.Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: ExcelJS.Cell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c));
      rows.push(cells);
    });
    sheets.set(ws.name, rows);
  }
  return sheets;
}

/** The cell in column `header` of the row whose column `keyHeader` holds `key`. */
function cell(rows: ExcelJS.Cell[][], keyHeader: string, key: string, header: string): ExcelJS.Cell {
  const head = rows[0].map((c) => String(c.value ?? ""));
  const k = head.indexOf(keyHeader);
  const h = head.indexOf(header);
  expect(k, keyHeader).toBeGreaterThanOrEqual(0);
  expect(h, header).toBeGreaterThanOrEqual(0);
  const row = rows.slice(1).find((r) => String(r[k].value ?? "").includes(key));
  expect(row, `${keyHeader} = ${key}`).toBeDefined();
  return row![h];
}

const isNumber = (c: ExcelJS.Cell) => c.type === ExcelJS.ValueType.Number;
const isInertText = (c: ExcelJS.Cell) => c.type === ExcelJS.ValueType.String && c.formula === undefined;

describe.each(backends())("spreadsheet exports read back by LibreOffice (%s)", (backend) => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let alice: TeacherClient;
  let teacher: Client;
  const phones: Client[] = [];
  let sessionId = "";
  let report: SessionReport;
  const dir = mkdtempSync(join(tmpdir(), "livelab-sheets-"));

  beforeAll(async () => {
    tdb = await testDatabase(backend);
    server = await startServer(tdb);
    alice = await signUpTeacher(server.url, { name: "Alice" });
    const s = await alice.createSession();
    sessionId = s.sessionId;
    teacher = await connect(server.url);
    expectOk(await teacher.call("host:attach", { sessionId: s.sessionId, hostSecret: s.hostSecret }));
    for (const nickname of [HOSTILE, "Bo", "Cy"]) {
      const c = await connect(server.url);
      expectOk(await c.call("session:join", { code: s.code, nickname }));
      phones.push(c);
    }
    // Negative typed answers (wrong, but numbers all the same) and a formula that is not a number.
    expectOk(await teacher.call("activity:goto", { index: activityIndex("decay-factor") }));
    expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
    for (const [i, answer] of ["-0.5", "-0.81", "0.998"].entries()) expectOk(await phones[i].call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: newKey() }));
    expectOk(await teacher.call("activity:goto", { index: activityIndex("gradient") }));
    expectOk(await teacher.call("question:open", { questionId: "l2-gradient" }));
    expectOk(await phones[1].call("answer:submit", { questionId: "l2-gradient", answer: "-2*lambda*w", idempotencyKey: newKey() }));
    expectOk(await teacher.call("session:end", {}));
    report = ((await (await alice.fetch(`/api/sessions/${sessionId}/report`)).json()) as { data: SessionReport }).data;
    for (const f of ["responses.csv", "students.csv", "gradebook.csv", "report.xlsx"]) {
      const res = await alice.fetch(`/api/sessions/${sessionId}/export/${f}`);
      expect(res.status, f).toBe(200);
      writeFileSync(join(dir, f), new Uint8Array(await res.arrayBuffer()));
    }
  });

  afterAll(async () => {
    await tearDown(server, tdb, [teacher, ...phones]);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!SOFFICE)("responses.csv: typed negative answers are numbers, the formula nickname is text", async () => {
    const rows = (await readSheets(convert(dir, "responses.csv", "xlsx"))).values().next().value!;
    const answer = cell(rows, "Answer", "-0.5", "Answer");
    expect(isNumber(answer)).toBe(true);
    expect(answer.value).toBe(-0.5);
    expect(cell(rows, "Answer", "-0.81", "Answer").value).toBe(-0.81);
    expect(isNumber(cell(rows, "Answer", "-0.5", "Attempt"))).toBe(true);
    expect(isNumber(cell(rows, "Answer", "-0.5", "Time to answer (s)"))).toBe(true);
    const nick = cell(rows, "Answer", "-0.5", "Student");
    expect(isInertText(nick)).toBe(true);
    expect(String(nick.value)).toContain("HYPERLINK(");
    const expr = cell(rows, "Question ID", "l2-gradient", "Answer");
    expect(isInertText(expr)).toBe(true);
    expect(String(expr.value)).toContain("-2*lambda*w");
  });

  it.skipIf(!SOFFICE)("students.csv and gradebook.csv: every count, rate and score is a number equal to the report's", async () => {
    const students = (await readSheets(convert(dir, "students.csv", "xlsx"))).values().next().value!;
    const grades = (await readSheets(convert(dir, "gradebook.csv", "xlsx"))).values().next().value!;
    for (const s of report.students) {
      const rate = s.correctRate === null ? null : Math.round(s.correctRate * 1000) / 10;
      for (const [header, expected] of [["Answered", s.answered], ["Correct", s.correct], ["Graded questions", s.graded], ["Score", s.score], ["Maximum", s.maxScore], ["Correct rate (%)", rate]] as const) {
        const c = cell(students, "Student ID", s.id, header);
        expect(isNumber(c), `${s.nickname} ${header}`).toBe(true);
        expect(c.value).toBe(expected);
      }
      expect(cell(grades, "ID", s.id, "Score").value).toBe(s.score);
      expect(cell(grades, "ID", s.id, "Maximum").value).toBe(s.maxScore);
    }
    const decayN = report.questions.find((q) => q.id === "l2-decay-factor")!.n;
    expect(isNumber(cell(students, "Student ID", report.students[0].id, `Q${decayN} answer`))).toBe(true);
    expect(isInertText(cell(grades, "Student", "HYPERLINK", "Student"))).toBe(true);
  });

  it.skipIf(!SOFFICE)("report.xlsx: one sheet per view; numbers, dates and inert text survive LibreOffice", async () => {
    const sheets = await readSheets(convert(dir, "report.xlsx", "xlsx"));
    expect([...sheets.keys()]).toEqual(["Overview", "Questions", "Students", "Mistakes", "Experiment"]);
    const students = sheets.get("Students")!;
    const hostile = report.students.find((s) => s.nickname === HOSTILE)!;
    const nick = cell(students, "ID", hostile.id, "Student");
    expect(isInertText(nick)).toBe(true);
    expect(nick.value).toBe(HOSTILE); // a string cell needs no apostrophe
    const answer = cell(students, "ID", hostile.id, "Q1 answer");
    expect(isNumber(answer)).toBe(true);
    expect(answer.value).toBe(-0.5);
    expect(cell(students, "ID", hostile.id, "Score").value).toBe(hostile.score);
    // Date cells (a spreadsheet keeps them as fractions of days: equal to the millisecond or so).
    const joined = cell(students, "ID", hostile.id, "Joined (UTC)").value;
    expect(joined).toBeInstanceOf(Date);
    expect(Math.abs((joined as Date).getTime() - hostile.joinedAt)).toBeLessThan(5);
    const overview = sheets.get("Overview")!;
    const started = cell(overview, "What", "Started", "Value").value;
    expect(started).toBeInstanceOf(Date);
    expect(Math.abs((started as Date).getTime() - report.session.createdAt)).toBeLessThan(5);
    expect(cell(overview, "What", "Students", "Value").value).toBe(3);
    const questions = sheets.get("Questions")!;
    const decay = report.questions.find((q) => q.id === "l2-decay-factor")!;
    expect(cell(questions, "Question id", "l2-decay-factor", "Correct rate").value).toBeCloseTo(decay.correctRate!, 12);
    expect(cell(questions, "Question id", "l2-decay-factor", "Answered").value).toBe(3);
    const mistakes = sheets.get("Mistakes")!;
    expect(isNumber(cell(mistakes, "Key", "dropped-factor-2", "Students"))).toBe(true);
    // Feedback is readable text: the lesson's TeX ($2\lambda w$) reads 2λw, with no $ or backslash.
    const feedback = String(cell(mistakes, "Key", "dropped-factor-2", "Feedback shown").value);
    expect(feedback).toContain("2λw");
    for (const row of mistakes.slice(1)) expect(String(row[5].value ?? "")).not.toMatch(/[$\\]/);
  });
});
