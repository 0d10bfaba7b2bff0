import unhomoglyph from "unhomoglyph";

/**
 * Nicknames: what a student types on a phone, made safe to store and show. Rendering is
 * always as text (never HTML); this only normalizes, limits and decides which two nicknames
 * are "the same" in a class.
 */
export const NICKNAME_MAX = 24;

export type NicknameCheck = { ok: true; nickname: string; key: string } | { ok: false; reason: string };

/**
 * Characters that draw nothing: control and format characters (zero-width joiners, bidi
 * overrides, soft hyphens), every Default_Ignorable_Code_Point (the Hangul fillers U+115F,
 * U+1160, U+3164 and U+FFA0, variation selectors, tags …), and the blank Braille pattern
 * U+2800, which is a symbol in Unicode but shows as an empty cell. "Alice" + U+3164 must
 * read as "Alice", and a nickname of fillers alone as empty.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\u2800]/gu;

export function normalizeNickname(input: unknown): NicknameCheck {
  if (typeof input !== "string") return { ok: false, reason: "a nickname must be text" };
  if (input.length > 200) return { ok: false, reason: `at most ${NICKNAME_MAX} characters` };
  const nickname = input.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
  if (nickname.length === 0) return { ok: false, reason: "please type a nickname" };
  if ([...nickname].length > NICKNAME_MAX) return { ok: false, reason: `at most ${NICKNAME_MAX} characters` };
  return { ok: true, nickname, key: nicknameKey(nickname) };
}

/**
 * The identity of a nickname within a class: two nicknames with the same key cannot both
 * join. Case- and accent-insensitive ("Zoë" = "zoe") and look-alike-insensitive: as Unicode
 * TR39 prescribes for case-insensitive comparison, the nickname is case-folded first, then
 * reduced to its confusable skeleton (NFD, every character replaced by its prototype from
 * Unicode's confusables.txt — the `unhomoglyph` table — NFD again). So "Аlice" with a
 * Cyrillic А, "A1ice" with a digit one and "ALICE" all collide with "Alice". The key is for
 * comparing, never for showing (the skeleton of "m" is "rn").
 *
 * Known limit: folding case first turns a capital I into i before the look-alike table could
 * make it an l, so "AIice" (capital I) does not collide with "Alice"; the teacher can remove
 * such a nickname. Taking the skeleton before folding would catch it, but chains I ~ l ~ L
 * and makes "Ali" collide with "All".
 *
 * Keys stored before 2026-12 (case and accents only) can differ from these for the same
 * nickname; restore.ts recomputes the keys of restored participants, so uniqueness holds for
 * every new join.
 */
export function nicknameKey(nickname: string): string {
  const folded = nickname.normalize("NFKD").replace(/\p{M}/gu, "").replace(INVISIBLE, "").toLowerCase();
  // Prototypes may be capitals (the digit 0's is O): fold case once more.
  const skeleton = unhomoglyph(folded.normalize("NFD")).normalize("NFD").replace(/\p{M}/gu, "");
  return skeleton.toLowerCase().replace(/\s+/gu, " ").trim();
}
