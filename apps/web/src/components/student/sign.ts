/** Flip the sign of a typed number ("0.5" ↔ "-0.5"): phones' decimal keypads have no minus key. */
export function toggleSign(text: string): string {
  const t = text.trim();
  return /^[-−]/.test(t) ? t.replace(/^[-−]\s*/, "") : `-${t}`;
}
