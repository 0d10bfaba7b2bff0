"use client";
import type katexType from "katex";
import { useEffect, useMemo, useState } from "react";
import { mathSegments } from "@livelab/core/text";

type Katex = typeof katexType;
let katexModule: Katex | null = null;
let katexLoading: Promise<Katex> | null = null;

/** KaTeX is ~70 kB gzipped: load it after first paint, not in the page's first-load JavaScript. */
function loadKatex(): Promise<Katex> {
  katexLoading ??= import("katex").then((m) => (katexModule = (m as unknown as { default?: Katex }).default ?? m));
  return katexLoading;
}

/**
 * Lesson text is untrusted (teachers write and import it): KaTeX without `trust` (\href, \url,
 * \includegraphics, \htmlClass… render as inert red text), at most 1000 macro expansions (a
 * \def bomb stops), sizes capped at 10em. The server's lesson check uses the same limits
 * (apps/server/src/lessons/texCheck.ts), so a teacher sees any refusal in the editor first.
 */
const KATEX_OPTIONS = { throwOnError: false, output: "html", strict: false, trust: false, maxExpand: 1000, maxSize: 10 } as const;

/**
 * Text with $…$ math, rendered with KaTeX. Text parts are React text (escaped), math parts
 * KaTeX's HTML (which escapes its input). Until KaTeX has loaded, math shows as its source.
 */
/** Math up to this many TeX characters is kept on one line with the punctuation after it. */
const GLUE_MAX_TEX = 24;

export function Tex({ text, className }: { text: string; className?: string }) {
  const parts = useMemo(() => mathSegments(text), [text]);
  const [katex, setKatex] = useState<Katex | null>(katexModule);
  const hasMath = parts.some((p) => p.math);
  useEffect(() => {
    if (hasMath && !katex) void loadKatex().then(setKatex);
  }, [hasMath, katex]);
  // Punctuation right after math stays on its line ("λ = □." never wraps before the full stop):
  // a browser may break after KaTeX's inline blocks, so the two go into one unbreakable span.
  // Only short math ("λ = □", "w"): a long formula must keep KaTeX's own break points (after =, +,
  // −), or a worked solution runs off a phone's screen (and a mobile browser zooms to fit it).
  const stuck = (i: number) => {
    const next = parts[i + 1];
    return next && !next.math && parts[i].text.length <= GLUE_MAX_TEX ? (/^[.,;:!?)]+/.exec(next.text)?.[0] ?? "") : "";
  };
  return (
    <span className={className}>
      {parts.map((p, i) => {
        if (p.math) {
          const math = katex ? <span dangerouslySetInnerHTML={{ __html: katex.renderToString(p.text, KATEX_OPTIONS) }} /> : <code>{p.text}</code>;
          const tail = stuck(i);
          return tail ? <span key={i} className="nowrap">{math}{tail}</span> : <span key={i}>{math}</span>;
        }
        const lead = i > 0 && parts[i - 1].math ? stuck(i - 1) : "";
        return <span key={i}>{renderMarkdownish(p.text.slice(lead.length))}</span>;
      })}
    </span>
  );
}

/** **bold** and `code`, nothing else (prompts are plain text otherwise). */
function renderMarkdownish(text: string) {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((chunk, i) => {
    if (chunk.startsWith("**") && chunk.endsWith("**")) return <strong key={i}>{chunk.slice(2, -2)}</strong>;
    if (chunk.startsWith("`") && chunk.endsWith("`")) return <code key={i}>{chunk.slice(1, -1)}</code>;
    return chunk;
  });
}
