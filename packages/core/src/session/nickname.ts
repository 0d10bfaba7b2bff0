/**
 * Nicknames: what a student types on a phone, made safe to store and show. Rendering is
 * always as text (never HTML); this only normalizes and limits.
 */
export const NICKNAME_MAX = 24;

export type NicknameCheck = { ok: true; nickname: string; key: string } | { ok: false; reason: string };

export function normalizeNickname(input: unknown): NicknameCheck {
  if (typeof input !== "string") return { ok: false, reason: "a nickname must be text" };
  if (input.length > 200) return { ok: false, reason: `at most ${NICKNAME_MAX} characters` };
  const nickname = input
    .normalize("NFC")
    // Control and format characters (incl. zero-width and bidi overrides) are invisible tricks.
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
  if (nickname.length === 0) return { ok: false, reason: "please type a nickname" };
  if ([...nickname].length > NICKNAME_MAX) return { ok: false, reason: `at most ${NICKNAME_MAX} characters` };
  return { ok: true, nickname, key: nicknameKey(nickname) };
}

/** Case- and accent-insensitive identity of a nickname ("Zoë" and "zoe" collide). */
export function nicknameKey(nickname: string): string {
  return nickname.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
}
