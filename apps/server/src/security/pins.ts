import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

/**
 * Students' PINs (4–6 digits they choose). Stored as scrypt hashes with a salt of their own,
 * like teachers' passwords — a PIN has few possible values, so what protects it is the lockout
 * after wrong tries (docs/SECURITY.md), not the hash; the hash only keeps the PIN itself out of
 * the database.
 */
const N = 16_384;
const R = 8;
const P = 1;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const got = await scryptAsync(pin, Buffer.from(salt, "base64url"), expected.length, { N: Number(n), r: R, p: P });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A PIN the teacher hands a student after a reset (4 digits; the student may keep it). */
export function newPin(): string {
  return String(randomInt(0, 10_000)).padStart(4, "0");
}

/** Class codes: 7 characters (join codes of live classes have 6, pairing codes 8), no look-alikes. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newClassCode(): string {
  let code = "";
  for (let i = 0; i < 7; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The code of a student's personal link (/s#code): 16 random URL-safe characters. */
export function newLinkCode(): string {
  return randomBytes(12).toString("base64url").replace(/^[-_]/, "s");
}
