/**
 * Text with $…$ math split into plain and math parts: the one rule for where math is, shared by
 * the web's renderer (KaTeX for the math parts) and the projector's text in core (symbols put
 * into the math parts). Pure and tiny, so the browser may import it.
 */
export function mathSegments(text: string): { math: boolean; text: string }[] {
  const out: { math: boolean; text: string }[] = [];
  const re = /\$([^$]+)\$/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ math: false, text: text.slice(last, m.index) });
    out.push({ math: true, text: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ math: false, text: text.slice(last) });
  return out;
}
