/**
 * A server's refusal as a sentence a teacher reads: a capital first letter and a full stop.
 * (Server messages are written lower-case to sit inside logs and other text.)
 */
export function asSentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const capital = m[0].toUpperCase() + m.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
