import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A random secret (host secret, resume token): 32 bytes, URL-safe base64. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored instead of a secret. SHA-256 suffices: the secrets are 256 random bits. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L), ~887 million codes. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newJoinCode(length = 6): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** View-only projector pairing codes: 8 characters of the same alphabet (~8.5·10¹¹), guesses rate-limited like joins. */
export function newPairCode(): string {
  return newJoinCode(8);
}

/**
 * Row ids: 96 random bits, URL-safe. Never starting with "-" or "_": ids end up in CSV exports,
 * where a leading "-" would make a spreadsheet read the id as a formula.
 */
export function newId(): string {
  const id = randomBytes(12).toString("base64url");
  return /^[A-Za-z0-9]/.test(id) ? id : `i${id.slice(1)}`;
}

/** A 31-bit seed for a session's questions and simulations. */
export function newSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}
