import { texToText } from "@livelab/core/text/plain";

/**
 * How the exports write a value, the same in every CSV and the workbook and as the report shows
 * it: results in words, times in seconds to a tenth, rates as percents to a tenth, losses to
 * four decimals, lesson text without TeX (a spreadsheet cannot run KaTeX: "λ‖w‖₁", not
 * "$\lambda\|w\|_1$").
 */

/** A stored status as a teacher says it. */
export const RESULT_WORD: Record<string, string> = { correct: "right", incorrect: "wrong", invalid: "unreadable", ungraded: "answered (not graded)" };
/** The answers export's word for an answer the server refused as unreadable (it used no attempt). */
export const REFUSED_WORD = "unreadable (refused, no attempt used)";

export const resultWord = (status: string): string => RESULT_WORD[status] ?? status;

/** Milliseconds as seconds to a tenth (the workbook's and the report's unit). */
export const seconds = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : Math.round(ms / 100) / 10);

/** A 0…1 rate as a percent to a tenth (the gradebook's "Percent"). */
export const percent = (rate: number | null | undefined): number | null => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);

/** One answer's score (0–1; partial credit can be 1/3) to three decimals. */
export const fraction = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

/** A loss to four decimals (what the workbook's number format shows). */
export const loss = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4);

/** Lesson text (an option, a feedback, a label) as readable plain text. */
export const readable = (text: string): string => texToText(text);

/** A student's own numbers as "eta = 0.05, lambda = 0.001" (the parameter names are the lesson's, stable). */
export const paramsText = (params: Record<string, number>): string => Object.entries(params).map(([k, v]) => `${k} = ${v}`).join(", ");
