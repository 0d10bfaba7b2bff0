/**
 * Reading a number a student typed on a phone. Accepts what people write — `0.998`, `0,998`
 * (decimal comma), `.5`, `-3`, `9.98e-1`, `9.98×10^-1`, `5/3`, a Unicode minus — and turns
 * everything else into a reason, never an exception.
 */
export type ParsedNumber = { ok: true; value: number; text: string } | { ok: false; reason: string };

export const MAX_ANSWER_LENGTH = 200;

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const PLAIN = new RegExp(`^${NUMBER}$`, "i");
const FRACTION = new RegExp(`^(${NUMBER})/(${NUMBER})$`, "i");
const TIMES_TEN = new RegExp(`^(${NUMBER})[*x×·]10\\^\\(?([+-]?\\d{1,3})\\)?$`, "i");

export function parseNumber(input: unknown): ParsedNumber {
  if (typeof input !== "string") return { ok: false, reason: "the answer must be text" };
  if (input.length > MAX_ANSWER_LENGTH) return { ok: false, reason: `the answer is too long (at most ${MAX_ANSWER_LENGTH} characters)` };
  let text = input
    .normalize("NFKC")
    .replace(/[\u2212\u2012\u2013\u2014]/g, "-") // minus signs and dashes
    .replace(/[\s\u00a0\u202f\u2009]+/g, "");
  if (text === "") return { ok: false, reason: "no answer given" };
  // A decimal comma ("0,998") — but not a list ("1,2,3") or mixed separators ("1,000.5").
  if (/^[^,.]*,[^,.]*$/.test(text)) text = text.replace(",", ".");
  let value: number;
  const frac = FRACTION.exec(text);
  const ten = TIMES_TEN.exec(text);
  if (PLAIN.test(text)) {
    value = Number(text);
  } else if (frac) {
    const den = Number(frac[2]);
    if (den === 0) return { ok: false, reason: "division by zero" };
    value = Number(frac[1]) / den;
  } else if (ten) {
    value = Number(`${ten[1]}e${ten[2]}`);
  } else {
    // The examples show every accepted form with numbers no lesson asks for: an example that
    // happened to be a question's answer (0.998 once was) would give that answer away.
    return { ok: false, reason: "not a number: write it like 12.5, 12,5, 1.25e-3 or 7/3" };
  }
  if (!Number.isFinite(value)) return { ok: false, reason: "not a finite number" };
  return { ok: true, value, text };
}
