import { describe, expect, it } from "vitest";
import { nicknameKey, normalizeNickname } from "./nickname.ts";

const keyOf = (s: string) => {
  const n = normalizeNickname(s);
  if (!n.ok) throw new Error(`refused ${JSON.stringify(s)}: ${n.reason}`);
  return n.key;
};

describe("nicknames", () => {
  // Issue 12 (11): each of these joined beside "Alice" before (keys "аlice", "alice\u3164",
  // "alice\u2800"); they must now have Alice's key.
  it("look-alikes and invisible fillers get the key of the nickname they imitate", () => {
    const alice = keyOf("Alice");
    expect(alice).toBe("alice");
    const imitations = [
      "\u0410lice", // Cyrillic capital A
      "Alic\u0435", // Cyrillic small ie
      "Alice\u3164", // Hangul filler
      "Alice\u2800", // blank Braille pattern
      "Ali\u115Fce", "Alice\u1160", "\uFFA0Alice", // Hangul choseong/jungseong/halfwidth fillers
      "Al\u200Bice", "Alice\u00AD", "Alice\u034F", "Alice\uFE0F", // zero-width space, soft hyphen, grapheme joiner, variation selector
      "A1ice", // digit one for l
      "ALICE", "alice", "Álice", // case and accents, as before
      "\uFF21lice", // fullwidth A
    ];
    for (const s of imitations) expect(keyOf(s), JSON.stringify(s)).toBe(alice);
    expect(keyOf("B0b")).toBe(keyOf("Bob"));
    expect(keyOf("\u2164ictor")).toBe(keyOf("Victor")); // Roman numeral five
  });

  it("fillers are removed from what is shown, and a nickname of fillers alone is empty", () => {
    expect(normalizeNickname("Alice\u3164")).toMatchObject({ ok: true, nickname: "Alice" });
    expect(normalizeNickname("Alice\u2800\u2800")).toMatchObject({ ok: true, nickname: "Alice" });
    for (const blank of ["\u3164", "\u2800\u2800\u2800", "\u115F\u1160", "\uFFA0 \u200B"]) {
      expect(normalizeNickname(blank), JSON.stringify(blank)).toEqual({ ok: false, reason: "please type a nickname" });
    }
    // What a student typed in their own script stays as typed.
    expect(normalizeNickname("  Zoë   Ærø ")).toMatchObject({ ok: true, nickname: "Zoë Ærø" });
    expect(normalizeNickname("李雷")).toMatchObject({ ok: true, nickname: "李雷" });
  });

  it("different names stay different", () => {
    const names = ["Ann", "Anna", "Jose", "Josh", "Alex1", "Alex2", "Li", "Lu", "李雷", "李蕾", "Sam", "Sara", "Eli", "Ella"];
    const keys = names.map(keyOf);
    expect(new Set(keys).size).toBe(names.length);
  });

  it("the key is stable and idempotent (a stored key compares with a recomputed one)", () => {
    for (const s of ["Alice", "\u0410lice", "Zoë", "B0b", "🙂 Sam"]) expect(nicknameKey(keyOf(s))).toBe(keyOf(s));
  });
});
