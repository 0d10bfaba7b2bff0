/**
 * Wrong-PIN counting for sign-in names that are in no class, kept in memory: the same rule the
 * database applies to a real student (`pinFailures`/`lockedUntil`: `max` wrong in a row lock
 * that name for `lockMs`), so a guesser sees the same "do not match" and the same lockout
 * whether or not a name exists and cannot use the lockout to list a class (docs/SECURITY.md).
 * Keys whose lock has passed and who have no failures left are dropped; past `maxKeys` the
 * oldest keys go first, so a flood of made-up names cannot grow memory without bound.
 */
export class GuessLocks {
  private readonly keys = new Map<string, { failures: number; lockedUntil: number; touched: number }>();
  constructor(readonly max: number, readonly lockMs: number, private readonly maxKeys = 10_000) {}

  /** When this key's lock ends (ms), or null when it is not locked at `now`. */
  lockedUntil(key: string, now: number): number | null {
    const k = this.keys.get(key);
    return k && k.lockedUntil > now ? k.lockedUntil : null;
  }

  /** Count one wrong PIN; `locked` when this one reached `max` (the count starts again, as in the database). */
  fail(key: string, now: number): { locked: boolean } {
    const k = this.keys.get(key) ?? { failures: 0, lockedUntil: 0, touched: now };
    this.keys.delete(key); // re-inserted last: the Map's order is oldest-touched first
    k.failures++;
    k.touched = now;
    const locked = k.failures >= this.max;
    if (locked) {
      k.failures = 0;
      k.lockedUntil = now + this.lockMs;
    }
    this.keys.set(key, k);
    while (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    return { locked };
  }
}
