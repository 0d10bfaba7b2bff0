/**
 * The check's messages name questions and mistakes by id and key (the CLI needs them); the
 * editor shows each message at its field, so it drops the ids and keeps the mistake's label.
 */
export function humanize(message: string): string {
  return message
    .replace(/^question "[^"]*": /, "")
    // The formula is right above the message, in its field: "formula "2*eta*": it stops…" → "it stops…".
    .replace(/^formula "[^"]*": /, "")
    // A label may hold its own brackets ("Used 1 − ηλ (dropped the 2)"): match one level of nesting.
    .replace(/(mistakes? |and |made |for )"[a-z0-9][a-z0-9-]*" \(((?:[^()]|\([^()]*\))*)\)/g, "$1“$2”");
}
