/**
 * A token bucket: `rate` tokens per second, at most `burst` saved up. One per socket keeps a
 * misbehaving (or malicious) phone from flooding the server; honest clients never notice.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly rate: number, private readonly burst: number, now = Date.now()) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Failed join attempts per network address in a sliding minute. Only failures count: a whole
 * school behind one NAT address joining the right code is never limited, but guessing codes
 * in bulk is.
 */
export class FailureLimiter {
  private failures = new Map<string, number[]>();
  constructor(private readonly maxPerWindow = 20, private readonly windowMs = 60_000) {}

  blocked(address: string, now = Date.now()): boolean {
    const list = this.prune(address, now);
    return list.length >= this.maxPerWindow;
  }

  fail(address: string, now = Date.now()): void {
    const list = this.prune(address, now);
    list.push(now);
    this.failures.set(address, list);
  }

  private prune(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    return list;
  }
}
