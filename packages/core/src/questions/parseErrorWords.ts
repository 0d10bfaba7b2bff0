/**
 * mathjs's parse errors ("Unexpected end of expression (char 7)", "Value expected (char 5)",
 * "Parenthesis ) expected (char 9)") in words a teacher or student reads, pointing at the spot:
 * the lesson editor shows them under a formula field, a phone under an answer it refuses.
 * Anything not recognised keeps mathjs's text without the character count.
 */
export function parseErrorInWords(message: string, text: string): string {
  const at = /\(char (\d+)\)/.exec(message);
  const pos = at ? Number(at[1]) - 1 : -1;
  const near = pos >= 0 ? nearText(text, pos) : "";
  if (/Unexpected end of expression/.test(message)) return "it stops too early: something is missing at the end";
  if (/Parenthesis \) expected/.test(message)) return "a bracket “(” is opened but never closed";
  if (/Parenthesis \( expected|Unexpected "?\)/.test(message)) return "a bracket “)” closes nothing";
  if (/Value expected/.test(message)) return `a number or a name is missing${near}`;
  const op = /Unexpected operator (\S+)/.exec(message);
  if (op) return `“${op[1]}” cannot stand there${near}`;
  if (/Syntax error in part/.test(message)) return `this part cannot be read${near}`;
  return `${message.replace(/\s*\(char \d+\)/, "")}${near}`;
}

/** " near “2*”" (the few characters before and at the spot), or "" when there is nothing to show. */
function nearText(text: string, pos: number): string {
  const excerpt = text.slice(Math.max(0, pos - 6), pos + 1).trim();
  return excerpt ? ` near “${excerpt}”` : "";
}
