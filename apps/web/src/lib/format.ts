/** A class's date and time as a teacher reads it, in their browser's language. */
export function classDate(at: string | number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
