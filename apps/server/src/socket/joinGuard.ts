import { ERROR_CODES, fail, type Ack } from "@livelab/core/protocol";
import { addressKey } from "../security/addressKey.ts";
import { FailureLimiter } from "../security/failureLimiter.ts";

/** The numbers of join-code guessing (docs/SECURITY.md). */
export const JOIN_LIMITS = {
  /** Wrong codes one connection may send per window; after that the connection's joins are refused. */
  perConnection: 10,
  /** Wrong codes from one network address per window before its joins are paced. */
  perAddress: 120,
  windowMs: 60_000,
  /** Joins per second from an address over its budget (right codes included: they wait their turn, never refused). */
  pacedPerSecond: 10,
};

export type JoinLimits = typeof JOIN_LIMITS;

/**
 * Join codes are short (6 characters, ~887 million codes), so wrong codes are guesses and are
 * limited — but a whole school shares one NAT address, so nothing here may refuse a *right*
 * code from a guesser's address (issue 12 (4): 120 wrong codes used to lock the address out of
 * every join and resume for a minute).
 *
 * - A connection may send 10 wrong codes a minute, and one join at a time; then its joins are
 *   refused (RATE_LIMITED). An honest phone gets a new connection when it reloads.
 * - An address that sent 120 wrong codes in the last minute has all its joins paced: 10 a
 *   second, first come first served, right or wrong. A right code waits its turn (a class of 30
 *   waits about 3 s) and is never refused; guessing from that address is held to 10 codes a
 *   second however many connections it opens, and hits and misses take the same time, so the
 *   wait tells a guesser nothing.
 *
 * Resume tokens are 256 random bits: guessing one is hopeless at any rate, so resumes are not
 * limited here at all and a valid token always goes straight through.
 */
export class JoinGuard {
  private readonly connections: FailureLimiter;
  private readonly addresses: FailureLimiter;
  private readonly pacer: AddressPacer;
  private readonly waiting = new Set<string>();

  constructor(private readonly limits: JoinLimits = JOIN_LIMITS) {
    this.connections = new FailureLimiter(limits.perConnection, limits.windowMs);
    this.addresses = new FailureLimiter(limits.perAddress, limits.windowMs);
    this.pacer = new AddressPacer(limits.pacedPerSecond);
  }

  /**
   * Before a join code is looked up: wait for this address's turn if it is paced. Null to go
   * on, or a refusal for a connection that already has a join waiting.
   */
  async turn(connectionId: string, address: string): Promise<Ack<never> | null> {
    const key = addressKey(address);
    if (!this.addresses.blocked(key)) return null;
    if (this.waiting.has(connectionId)) return fail(ERROR_CODES.RATE_LIMITED, "one join at a time");
    this.waiting.add(connectionId);
    try {
      await this.pacer.turn(key);
    } finally {
      this.waiting.delete(connectionId);
    }
    return null;
  }

  /**
   * A refusal for a connection that sent too many wrong codes, or null. Checked right before
   * the lookup, in the same turn of the event loop as `missedJoin`: joins pipelined on one
   * connection cannot all pass the check before the first miss is counted.
   */
  cutOff(connectionId: string): Ack<never> | null {
    return this.connections.blocked(connectionId) ? fail(ERROR_CODES.RATE_LIMITED, "too many wrong codes on this connection; reload the page and try again in a minute") : null;
  }

  /** A join code matched no class. */
  missedJoin(connectionId: string, address: string): void {
    this.connections.fail(connectionId);
    this.addresses.fail(addressKey(address));
  }

  /** Whether an address is being paced (for logs and tests). */
  paced(address: string): boolean {
    return this.addresses.blocked(addressKey(address));
  }

  /** A connection closed: its count is of no further use. */
  forget(connectionId: string): void {
    this.connections.forget(connectionId);
  }
}

/**
 * Turns per key, at most `perSecond` a second, in the order asked: each caller is given the
 * next free slot and waits for it. Nobody is refused; a burst is spread out.
 */
export class AddressPacer {
  private readonly nextFree = new Map<string, number>();

  constructor(private readonly perSecond: number, private readonly now: () => number = Date.now) {}

  turn(key: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextFree.get(key) ?? 0);
    this.nextFree.set(key, at + 1000 / this.perSecond);
    if (this.nextFree.size > 10_000) for (const [k, t] of this.nextFree) if (t < now) this.nextFree.delete(k);
    const wait = at - now;
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }
}
