/** How report numbers read: rates as whole percents, times in seconds or minutes, "—" for none. */
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? "—" : `${Math.round(r * 100)}%`);
export const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);
export const KIND: Record<string, string> = { numeric: "number", expression: "formula", single: "one choice", multiple: "several choices", text: "short text" };
export const STATUS_MARK: Record<string, string> = { correct: "✓", incorrect: "✗", invalid: "?", ungraded: "•" };
export const STATUS_WORD: Record<string, string> = { correct: "right", incorrect: "wrong", invalid: "unreadable", ungraded: "answered" };
/** Item-statistics flags in a teacher's words. */
export const FLAG_TEXT: Record<string, { short: string; long: string }> = {
  "no-discrimination": { short: "does not discriminate", long: "Strong and weak students did about equally well: it does not tell them apart." },
  reversed: { short: "check the key", long: "Strong students missed it more often than weak ones: the key or the wording may be wrong." },
};
export const exportUrl = (sessionId: string, file: string) => `/api/sessions/${encodeURIComponent(sessionId)}/export/${file}`;
