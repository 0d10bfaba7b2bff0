/**
 * Failures per key (a connection, a network address, an account) in a sliding window. Only
 * failures count, so honest traffic that succeeds is never limited by it. Keys whose failures
 * have all expired are dropped when touched, and all of them once the map grows large, so a
 * stream of new keys cannot grow memory without bound.
 */
export class FailureLimiter {
  private failures = new Map<string, number[]>();
  constructor(readonly maxPerWindow = 20, readonly windowMs = 60_000, private readonly sweepAbove = 10_000) {}

  blocked(key: string, now = Date.now()): boolean {
    return this.prune(key, now).length >= this.maxPerWindow;
  }

  /** Failures counted for a key within the window. */
  count(key: string, now = Date.now()): number {
    return this.prune(key, now).length;
  }

  fail(key: string, now = Date.now()): void {
    const list = this.prune(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > this.sweepAbove) for (const k of [...this.failures.keys()]) this.prune(k, now);
  }

  /** Take back the latest failure counted for a key (an attempt counted in advance that did not fail). */
  undo(key: string): void {
    const list = this.failures.get(key);
    list?.pop();
    if (list?.length === 0) this.failures.delete(key);
  }

  /** Drop a key's failures (a success, or a connection that closed). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
