/**
 * What the app can show of a lesson's text. Fields shown through the TeX renderer (prompts,
 * bodies, hints, solutions, options, feedback) may hold math between `$…$`; everything
 * outside the dollars is shown as typed, so a backslash there reaches the screen as raw TeX
 * ("Use \lambda"). Plain-text fields (titles, labels, notes, cues) are shown as typed
 * everywhere, on the projector too: no `$` and no backslash at all.
 */

/** `{{name}}` and `{{= formula}}` become numbers before anything is shown. */
const PLACEHOLDER = /\{\{[^}]*\}\}/g;

/** Why a TeX-flavoured text would show raw TeX, or null when it renders cleanly. */
export function texTextProblem(text: string): string | null {
  const t = text.replace(PLACEHOLDER, "0");
  if (t.includes("$$")) return "\"$$\" (display math) is not supported: use one $…$ pair";
  const parts = t.split("$");
  if (parts.length % 2 === 0) return "unbalanced $: math must be between a pair of $…$";
  for (let i = 0; i < parts.length; i += 2) {
    const outside = parts[i];
    const bs = outside.indexOf("\\");
    if (bs >= 0) {
      const around = outside.slice(Math.max(0, bs - 12), bs + 12).trim();
      return `a backslash outside $…$ is shown as raw TeX ("${around}"): put the math between $…$ or write it as plain text`;
    }
  }
  for (let i = 1; i < parts.length; i += 2) if (parts[i].trim() === "") return "empty math between $…$";
  return null;
}

/** Why a plain-text field would show TeX, or null when it is plain. */
export function plainTextProblem(text: string): string | null {
  if (text.includes("$") || text.includes("\\")) return "plain text only: no $ and no backslash (write λ, η, ‖w‖ as Unicode)";
  return null;
}
