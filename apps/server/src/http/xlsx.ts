import ExcelJS from "exceljs";
import type { SessionReport } from "@livelab/core/report";
import { PLAIN_NUMBER } from "./csv.ts";
import { loss, readable, resultWord, seconds } from "./exportCells.ts";

/**
 * The report as an Excel workbook (exceljs), one sheet per view: Overview, Questions,
 * Students, Mistakes, Experiment. Numbers are number cells (rates as fractions with a percent
 * format, times in seconds), dates are date cells (UTC), and text is always a text cell: a
 * nickname like `=HYPERLINK(…)` is stored as a string, which a spreadsheet never runs, so unlike
 * the CSV no apostrophe is needed. A typed numeric answer ("-0.5") becomes a number cell.
 * Lesson text (options, feedback) is written without TeX, as exportCells.ts reads it.
 */

type Value = string | number | boolean | Date | null;

const DATE = "yyyy-mm-dd hh:mm";
const PERCENT = "0%";

/** A typed answer that is a plain number becomes a number cell; anything else stays text. */
const answerValue = (text: string): Value => (PLAIN_NUMBER.test(text.trim()) ? Number(text.trim()) : text);

interface Column { header: string; width: number; numFmt?: string }

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Value[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: name === "Students" ? 1 : 0 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return ws;
}

export async function reportXlsx(report: SessionReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "LiveLab";
  const s = report.session;
  const o = report.overview;

  sheet(wb, "Overview", [{ header: "What", width: 28 }, { header: "Value", width: 40 }], [
    ["Lesson", s.lessonTitle],
    ["Code", s.code],
    ["Started (UTC)", new Date(s.createdAt)],
    ["Ended (UTC)", s.endedAt === null ? "still running" : new Date(s.endedAt)],
    ["Students", o.participants],
    ["Questions asked", o.questionsAsked],
    ["Graded questions", o.gradedQuestionsAsked],
    ["Points available", o.maxScore],
    ["Answers stored", o.responses],
    ["Average correct rate", o.averageCorrectRate],
    ["Completion", o.completion],
  ]).eachRow((row, i) => {
    const v = row.getCell(2);
    if (v.value instanceof Date) v.numFmt = DATE;
    if (i >= 11) v.numFmt = PERCENT; // the two rates
  });

  sheet(wb, "Questions", [
    { header: "Q", width: 5 }, { header: "Question", width: 34 }, { header: "Question id", width: 26 }, { header: "Kind", width: 11 },
    { header: "Graded", width: 8 }, { header: "Points", width: 7 }, { header: "Answered", width: 9 }, { header: "Correct", width: 8 },
    { header: "Correct rate", width: 11, numFmt: PERCENT }, { header: "Discrimination", width: 13, numFmt: "0.00" }, { header: "Flags", width: 20 },
    { header: "Median time (s)", width: 14 }, { header: "Quartile 1 (s)", width: 13 }, { header: "Quartile 3 (s)", width: 13 },
    { header: "Unreadable share", width: 15, numFmt: PERCENT }, { header: "Opened (UTC)", width: 17, numFmt: DATE },
  ], report.questions.map((q) => [
    q.n, q.title, q.id, q.kind, q.graded, q.points, q.answered, q.keyed ? q.correct : null, q.correctRate,
    q.item?.discrimination ?? null, q.item?.flags.join(", ") ?? "", seconds(q.time?.median), seconds(q.time?.q1), seconds(q.time?.q3),
    q.item?.unreadableShare ?? null, new Date(q.openedAt),
  ]));

  const studentCols: Column[] = [
    { header: "Student", width: 22 }, { header: "ID", width: 24 }, { header: "Joined (UTC)", width: 17, numFmt: DATE }, { header: "Removed", width: 9 },
    { header: "Answered", width: 9 }, { header: "Correct", width: 8 }, { header: "Graded questions", width: 10 }, { header: "Correct rate", width: 11, numFmt: PERCENT },
    { header: "Score", width: 7 }, { header: "Maximum", width: 9 },
  ];
  for (const q of report.questions) studentCols.push({ header: `Q${q.n} answer`, width: 14 }, { header: `Q${q.n} result`, width: 11 });
  for (const e of report.experiments) studentCols.push({ header: `${e.title}: ${e.label}`, width: 14 }, { header: `${e.title}: validation loss`, width: 14 });
  const options = new Set(report.questions.filter((q) => q.kind === "single" || q.kind === "multiple").map((q) => q.id));
  sheet(wb, "Students", studentCols, report.students.map((st) => {
    const row: Value[] = [st.nickname, st.id, new Date(st.joinedAt), st.removed, st.answered, st.correct, st.graded, st.correctRate, st.score, st.maxScore];
    for (const q of report.questions) {
      const a = st.answers[q.id];
      row.push(a ? (options.has(q.id) ? readable(a.answer) : answerValue(a.answer)) : null, a ? resultWord(a.status) : "not answered");
    }
    for (const e of report.experiments) row.push(st.experiments[e.activityId]?.value ?? null, loss(st.experiments[e.activityId]?.valLoss));
    return row;
  }));

  sheet(wb, "Mistakes", [
    { header: "Q", width: 5 }, { header: "Question id", width: 26 }, { header: "Mistake", width: 36 }, { header: "Key", width: 22 }, { header: "Students", width: 9 }, { header: "Feedback shown", width: 80 },
  ], report.questions.flatMap((q) => [...q.mistakes].sort((a, b) => b.count - a.count).map((m): Value[] => [q.n, q.id, m.label, m.key, m.count, readable(m.feedback)])));

  sheet(wb, "Experiment", [
    { header: "Experiment", width: 28 }, { header: "Student", width: 22 }, { header: "Value", width: 12 }, { header: "Training loss", width: 13, numFmt: "0.0000" },
    { header: "Validation loss", width: 14, numFmt: "0.0000" }, { header: "Best", width: 6 },
  ], report.experiments.flatMap((e) => e.points.map((p): Value[] => [`${e.title} (${e.label})`, p.nickname, p.value, loss(p.trainLoss), loss(p.valLoss), e.best?.participantId === p.participantId])));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
