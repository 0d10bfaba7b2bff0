import katex from "katex";
import { mathParts, texFields, type Lesson, type LessonIssue } from "@livelab/core/lesson";

/**
 * KaTeX's settings for text from lessons, which are untrusted input: no `trust` (no links,
 * images, classes or ids: \href and friends render as inert red text), at most 1000 macro
 * expansions (a \def bomb stops), sizes capped at 10em (no \rule that covers the screen). The
 * web's renderer (apps/web/src/lib/tex.tsx) uses the same limits.
 */
export const KATEX_LIMITS = { maxExpand: 1000, maxSize: 10 } as const;

/**
 * The math of every TeX field of a lesson, parsed by KaTeX as the phones and the projector will
 * render it: math KaTeX cannot show, or commands it refuses without trust, are errors at the
 * field, so a teacher finds out in the editor, not in front of the class.
 */
export function checkLessonTex(lesson: Lesson): LessonIssue[] {
  const issues: LessonIssue[] = [];
  for (const { path, text } of texFields(lesson)) {
    for (const math of mathParts(text)) {
      const refused: string[] = [];
      try {
        katex.renderToString(math, { ...KATEX_LIMITS, throwOnError: true, strict: "ignore", trust: (ctx) => { refused.push(ctx.command); return false; } });
      } catch (e) {
        issues.push({ path, message: `the math $${clip(math)}$ cannot be shown: ${(e as Error).message.replace(/^KaTeX parse error: /, "")}` });
        break;
      }
      if (refused.length > 0) {
        issues.push({ path, message: `${[...new Set(refused)].join(", ")} is not allowed in a lesson (no links, images or HTML in math)` });
        break;
      }
    }
  }
  return issues;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
