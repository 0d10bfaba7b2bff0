import type { IncomingHttpHeaders } from "node:http";
import { ERROR_CODES, fail, ok, type Ack, type LookupClass, type StudentIdentity } from "@livelab/core/protocol";
import { normalizeNickname } from "@livelab/core/session";
import type { Logger } from "pino";
import { NameTaken, type RosterStore, type SignedInStudent, type StudentRow } from "../db/rosterStore.ts";
import { FailureLimiter } from "../security/failureLimiter.ts";
import { GuessLocks } from "../security/guessLocks.ts";
import { hashPin, newLinkCode, pinMatches } from "../security/pins.ts";
import { hashSecret, newId, newSecret, newSeed } from "../security/tokens.ts";

/** The cookie a student's device keeps: a random secret whose hash names a StudentDevice row. */
export const STUDENT_COOKIE = "livelab_student";
/** A device stays signed in for a school year unless the student signs out or the teacher resets the PIN. */
export const STUDENT_COOKIE_MAX_AGE_MS = 365 * 86_400_000;

/** Wrong PINs in a row before a student's sign-in waits, and for how long (docs/SECURITY.md). */
export const PIN_TRIES = 5;
export const PIN_LOCK_MS = 15 * 60_000;
/** Wrong PINs and unknown class codes from one network address, per 10 minutes (a whole school may share one). */
export const ADDRESS_FAILURES = 60;
export const ADDRESS_WINDOW_MS = 10 * 60_000;

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPin("0000"));

/** The student cookie's value in a Cookie header, or null. */
export function studentToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === STUDENT_COOKIE) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(v) ? v : null;
    }
  }
  return null;
}

/** The lockout refusal: the same words for every name, known or not. */
const locked = (minutes: number) =>
  fail(ERROR_CODES.SIGN_IN_LOCKED, `Too many wrong PINs: sign-in waits. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask your teacher to reset your PIN.`);

export interface AccessDeps { roster: RosterStore; log: Logger; now: () => number }

/**
 * How students get in without an email: join a class once (code, name, a PIN they choose), then
 * sign in on any device with the class code and their name, or their personal link, and the PIN.
 * A sign-in gives the device a cookie; a PIN is tried at most PIN_TRIES times in a row before
 * that student's sign-in waits PIN_LOCK_MS, and an address that keeps failing waits too.
 */
export class StudentAccess {
  private readonly addressFailures = new FailureLimiter(ADDRESS_FAILURES, ADDRESS_WINDOW_MS);
  /** Wrong PINs for names that are in no class: counted and locked like a student's stored count. */
  private readonly unknownNames = new GuessLocks(PIN_TRIES, PIN_LOCK_MS);
  /** Wrong PINs from one address for one name: what the "one try left" warning reads. */
  private readonly pairFailures = new FailureLimiter(PIN_TRIES, PIN_LOCK_MS);

  constructor(private readonly deps: AccessDeps) {}

  private limited(address: string): Ack<never> | null {
    return this.addressFailures.blocked(address) ? fail(ERROR_CODES.RATE_LIMITED, "too many wrong codes or PINs from this network; wait a few minutes") : null;
  }

  /** What a code opens (for the join page: the class's name and teacher), or CLASS_NOT_FOUND. */
  async lookup(code: string, address: string): Promise<Ack<LookupClass>> {
    const refused = this.limited(address);
    if (refused) return refused;
    const c = await this.deps.roster.classroomForCode(code);
    if (!c) {
      this.addressFailures.fail(address);
      return fail(ERROR_CODES.CLASS_NOT_FOUND, "no class with that code");
    }
    return ok({ className: c.name, teacherName: c.teacherName, joinOpen: c.joinOpen });
  }

  /** A new student joins the roster and this device is signed in (the token goes in the cookie). */
  async join(body: { code: string; name: string; pin: string }, address: string): Promise<Ack<{ token: string; identity: StudentIdentity }>> {
    const refused = this.limited(address);
    if (refused) return refused;
    const c = await this.deps.roster.classroomForCode(body.code);
    if (!c) {
      this.addressFailures.fail(address);
      return fail(ERROR_CODES.CLASS_NOT_FOUND, "no class with that code");
    }
    if (!c.joinOpen) return fail(ERROR_CODES.CLASS_CLOSED, "this class takes no new students; ask your teacher");
    const name = normalizeNickname(body.name);
    if (!name.ok) return fail(ERROR_CODES.NICKNAME_INVALID, name.reason.replace("nickname", "name"));
    const student: Omit<StudentRow, "pinFailures" | "lockedUntil"> = {
      id: newId(), classroomId: c.id, name: name.nickname, nameKey: name.key, pinHash: await hashPin(body.pin), linkCode: newLinkCode(), seed: newSeed(),
    };
    try {
      await this.deps.roster.addStudent(student, new Date(this.deps.now()));
    } catch (e) {
      if (e instanceof NameTaken) return fail(ERROR_CODES.STUDENT_NAME_TAKEN, "a student of that name is already in this class: if it is you, sign in with your PIN; otherwise add a letter of your last name");
      throw e;
    }
    const token = await this.newDevice(student.id);
    return ok({ token, identity: { name: student.name, className: c.name, classCode: c.code, linkCode: student.linkCode } });
  }

  /**
   * Sign in on a device: by class code and name, or by personal link; then the PIN. A refusal
   * does not tell whether the name exists (docs/SECURITY.md): a name in no class is counted and
   * locked like a real one (in memory, `GuessLocks`), costs the same hashing and a database
   * write, and gets the same messages. The "one try left" warning depends only on the wrong
   * PINs from this address for this name, never on the student's stored count.
   */
  async signIn(body: { code: string; name: string; pin: string } | { linkCode: string; pin: string }, address: string): Promise<Ack<{ token: string; identity: StudentIdentity }>> {
    const refused = this.limited(address);
    if (refused) return refused;
    let student: StudentRow | null = null;
    let classroom: { name: string; code: string } | null = null;
    let nameKey: string;
    if ("linkCode" in body) {
      student = await this.deps.roster.studentByLink(body.linkCode);
      nameKey = `link:${body.linkCode}`;
    } else {
      const c = await this.deps.roster.classroomForCode(body.code);
      const key = normalizeNickname(body.name);
      if (c && key.ok) student = await this.deps.roster.studentByName(c.id, key.key);
      classroom = c;
      nameKey = `name:${c?.id ?? body.code.toUpperCase()}|${key.ok ? key.key : body.name}`;
    }
    const pairKey = `${address}|${nameKey}`;
    const now = this.deps.now();
    const lockEnd = student ? (student.lockedUntil?.getTime() ?? 0) : (this.unknownNames.lockedUntil(nameKey, now) ?? 0);
    if (lockEnd > now) return locked(Math.ceil((lockEnd - now) / 60_000));
    // An unknown name costs the same hashing as a known one: the answer time does not tell names apart.
    if (!student || !(await pinMatches(body.pin, student.pinHash))) {
      if (!student) await pinMatches(body.pin, await dummyHash());
      this.addressFailures.fail(address);
      // The same database round trip either way (an unknown id updates no row).
      const stored = await this.deps.roster.pinFailed(student?.id ?? "", PIN_TRIES, new Date(now + PIN_LOCK_MS));
      const nowLocked = student ? stored.locked : this.unknownNames.fail(nameKey, now).locked;
      if (nowLocked) {
        this.pairFailures.forget(pairKey);
        return locked(PIN_LOCK_MS / 60_000);
      }
      this.pairFailures.fail(pairKey, now);
      const lastTry = this.pairFailures.count(pairKey, now) === PIN_TRIES - 1;
      const warning = lastTry ? ` One more wrong PIN and sign-in waits ${PIN_LOCK_MS / 60_000} minutes: check it, or ask your teacher to reset your PIN.` : "";
      // A personal link asks no name: say what is wrong with what it asked, and the other way in.
      if ("linkCode" in body) {
        return fail(ERROR_CODES.SIGN_IN_FAILED, student
          ? `That PIN does not match this personal link.${warning || " Check it (your teacher can reset your PIN)."}`
          : "This personal link is not valid: sign in with your class code, your name and your PIN instead.");
      }
      return fail(ERROR_CODES.SIGN_IN_FAILED, `That name and PIN do not match.${warning || " Check both (your teacher can reset your PIN)."}`);
    }
    this.pairFailures.forget(pairKey);
    if (student.pinFailures > 0 || student.lockedUntil) await this.deps.roster.pinSucceeded(student.id);
    const token = await this.newDevice(student.id);
    if (!classroom) classroom = (await this.deps.roster.signedIn(hashSecret(token)))?.classroom ?? { name: "", code: "" };
    return ok({ token, identity: { name: student.name, className: classroom.name, classCode: classroom.code, linkCode: student.linkCode } });
  }

  private async newDevice(studentId: string): Promise<string> {
    const token = newSecret();
    await this.deps.roster.addDevice(newId(), studentId, hashSecret(token), new Date(this.deps.now()));
    return token;
  }

  /** The student a request or a socket handshake comes from (its cookie), or null. */
  async who(headers: IncomingHttpHeaders): Promise<SignedInStudent | null> {
    const token = studentToken(headers);
    return token ? this.deps.roster.signedIn(hashSecret(token)) : null;
  }

  /**
   * Why this device is not signed in, when the teacher signed it out: a message the phone shows
   * as it is, or null (never signed in, signed out by the student, or too long ago).
   */
  async signedOutMessage(headers: IncomingHttpHeaders): Promise<string | null> {
    const token = studentToken(headers);
    const reason = token ? await this.deps.roster.signedOutReason(hashSecret(token)) : null;
    if (reason === "pin-reset") return "your teacher gave you a new PIN, so this device was signed out: sign in again with your name and the new PIN from your teacher";
    if (reason === "removed") return "your teacher removed you from this class, so this device was signed out: ask your teacher if that is a mistake";
    return null;
  }

  async signOut(headers: IncomingHttpHeaders): Promise<void> {
    const token = studentToken(headers);
    if (token) await this.deps.roster.removeDevice(hashSecret(token));
  }
}
