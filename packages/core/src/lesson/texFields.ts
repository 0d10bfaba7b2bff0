import type { Lesson } from "./schema.ts";

/**
 * Every field of a lesson that is shown through the TeX renderer (bodies, prompts, hints,
 * solutions, options, feedback), with its path — what a server-side TeX check walks. Plain-text
 * fields (titles, labels, notes) are not here: they are never rendered as TeX.
 */
export function texFields(lesson: Lesson): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const add = (path: string, text: string | undefined) => { if (text) out.push({ path, text }); };
  lesson.activities.forEach((a, ai) => {
    const at = `activities[${ai}]`;
    add(`${at}.body`, a.body);
    a.questions.forEach((q, qi) => {
      const qt = `${at}.questions[${qi}]`;
      add(`${qt}.prompt`, q.prompt);
      add(`${qt}.hint`, q.hint);
      add(`${qt}.solution`, q.solution);
      if (q.kind === "single" || q.kind === "multiple") {
        q.options.forEach((o, oi) => {
          add(`${qt}.options[${oi}].text`, o.text);
          add(`${qt}.options[${oi}].feedback`, o.feedback);
        });
      }
      if (q.kind === "numeric" || q.kind === "expression") q.mistakes.forEach((m, mi) => add(`${qt}.mistakes[${mi}].feedback`, m.feedback));
    });
  });
  return out;
}

/** The math parts of a TeX-flavoured text ($…$), with placeholders replaced by a number. */
export function mathParts(text: string): string[] {
  return [...text.replace(/\{\{[^}]*\}\}/g, "0").matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);
}
