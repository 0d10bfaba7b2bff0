import katex from "katex";
import { describe, expect, it } from "vitest";
import { fillPlaceholders } from "../questions/render.ts";
import { parameterSets } from "../questions/paramSets.ts";
import type { QuestionTemplate } from "../questions/schema.ts";
import { regularizationLesson } from "./regularization.ts";
import { builtInLesson } from "./index.ts";

/**
 * No raw TeX on any screen: every string of the built-in lesson that a person sees is either
 * plain text (no $, no backslash) or TeX whose math sits between $…$ and parses with KaTeX
 * (the renderer the app uses), with nothing TeX-like left outside the dollars.
 */
const lesson = builtInLesson();
type Field = { where: string; text: string };

/** Fields shown through the TeX renderer, with one student's numbers filled in. */
function texFields(): Field[] {
  const out: Field[] = [];
  lesson.activities.forEach((a) => {
    out.push({ where: `${a.id}.body`, text: a.body });
    a.questions.forEach((q) => {
      const params = parameterSets(q).sets[0];
      const fill = (where: string, text: string | undefined) => { if (text) out.push({ where: `${q.id}.${where}`, text: fillPlaceholders(text, params) }); };
      fill("prompt", q.prompt);
      fill("hint", q.hint);
      fill("solution", q.solution);
      if (q.kind === "numeric" || q.kind === "expression") q.mistakes.forEach((m) => fill(`mistakes.${m.key}.feedback`, m.feedback));
    });
  });
  return out;
}

/** Fields shown as typed everywhere (the projector's bars, titles, the teacher's notes). */
function plainFields(): Field[] {
  const out: Field[] = [{ where: "title", text: lesson.title }, { where: "summary", text: lesson.summary }];
  for (const a of lesson.activities) {
    out.push({ where: `${a.id}.title`, text: a.title }, { where: `${a.id}.teacherNotes`, text: a.teacherNotes ?? "" });
    a.simulation?.cues.forEach((c, i) => out.push({ where: `${a.id}.cues[${i}]`, text: c.say }));
    for (const q of a.questions as QuestionTemplate[]) {
      for (const [name, spec] of Object.entries(q.params)) out.push({ where: `${q.id}.params.${name}.label`, text: spec.label ?? "" });
      if (q.kind === "numeric" || q.kind === "expression") q.mistakes.forEach((m) => out.push({ where: `${q.id}.mistakes.${m.key}.label`, text: m.label }));
      if (q.kind === "single" || q.kind === "multiple") {
        q.options.forEach((o) => out.push({ where: `${q.id}.options.${o.id}.text`, text: o.text }, { where: `${q.id}.options.${o.id}.feedback`, text: o.feedback ?? "" }));
      }
    }
  }
  return out;
}

describe("the built-in lesson shows no raw TeX", () => {
  it("plain-text fields (labels, option texts and feedback, titles, notes, cues) have no $ and no backslash", () => {
    const bad = plainFields().filter((f) => /[$\\]/.test(f.text)).map((f) => `${f.where}: ${f.text}`);
    expect(bad).toEqual([]);
  });
  it("TeX fields keep every backslash, ^ and _ inside $…$", () => {
    const bad: string[] = [];
    for (const f of texFields()) {
      const parts = f.text.split("$");
      if (parts.length % 2 === 0) bad.push(`${f.where}: unbalanced $`);
      // `w_j` inside backticks is code, shown as typed on purpose.
      for (let i = 0; i < parts.length; i += 2) if (/\\|\^|_\{|[a-z]_[a-z0-9]\b/i.test(parts[i].replace(/`[^`]*`/g, ""))) bad.push(`${f.where}: "${parts[i].trim()}"`);
    }
    expect(bad).toEqual([]);
  });
  it("every $…$ parses with KaTeX", () => {
    const bad: string[] = [];
    for (const f of texFields()) {
      for (const m of f.text.matchAll(/\$([^$]+)\$/g)) {
        try {
          katex.renderToString(m[1], { throwOnError: true, strict: "ignore" });
        } catch (e) {
          bad.push(`${f.where}: ${m[1]}: ${(e as Error).message}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
  it("the l2-gradient prompt shows `lambda` and `w_j` as code, without stray backslashes", () => {
    const q = lesson.activities.flatMap((a) => a.questions).find((x) => x.id === "l2-gradient")!;
    expect(q.prompt).toContain("Use `lambda` (or λ) and `w_j` (or w).");
    expect(q.prompt.replace(/\$[^$]*\$/g, "")).not.toContain("\\");
  });
});

describe("the built-in lesson is written for people", () => {
  it("every activity has teacher notes", () => {
    expect(lesson.activities.filter((a) => (a.teacherNotes ?? "").length < 150).map((a) => a.id)).toEqual([]);
  });
  it("every named mistake has a label written for it, not one made from its key", () => {
    const missing: string[] = [];
    for (const a of regularizationLesson.activities) {
      for (const q of a.questions ?? []) if ((q.kind === "numeric" || q.kind === "expression") && q.mistakes) for (const m of q.mistakes) if (!m.label) missing.push(`${q.id}.${m.key}`);
    }
    expect(missing).toEqual([]);
  });
});
