import { FailureLimiter } from "../security/failureLimiter.ts";
import { addressKey } from "../security/addressKey.ts";

/** The numbers of password guessing (docs/SECURITY.md). */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one network address, per window. */
  perAccountAndAddress: 5,
  accountAndAddressWindowMs: 15 * 60_000,
  /** Wrong passwords for one account from all addresses together, per window. */
  perAccount: 50,
  accountWindowMs: 60 * 60_000,
};

export type SignInLimitNumbers = typeof SIGN_IN_LIMITS;

/**
 * Limits on guessing a teacher's password, counted per account — so that one attacker's
 * failures never spill onto other teachers (issue 12 (3): one shared bucket let 9 wrong
 * sign-ins from one address refuse a right one from another).
 *
 * - 5 wrong passwords for an account from one address in 15 minutes: that account is refused
 *   from that address until the window moves on. The teacher elsewhere (or their right
 *   password from another address) is not affected; a right sign-in clears the count.
 * - 50 wrong passwords for an account from all addresses in an hour: the account is refused
 *   everywhere until the window moves on. This bounds guessing spread over many addresses, at
 *   the price that such an attack can keep the teacher out for that hour.
 *
 * Better Auth's own limiter (auth.ts) adds a per-address limit on all sign-in attempts, which
 * bounds trying one password against many accounts. A refusal is given before the password is
 * checked, whether it is right or not: otherwise a refusal would only tell a guesser "wrong".
 */
export class SignInLimits {
  private readonly pairs: FailureLimiter;
  private readonly accounts: FailureLimiter;

  constructor(readonly limits: SignInLimitNumbers = SIGN_IN_LIMITS) {
    this.pairs = new FailureLimiter(limits.perAccountAndAddress, limits.accountAndAddressWindowMs);
    this.accounts = new FailureLimiter(limits.perAccount, limits.accountWindowMs);
  }

  /**
   * Before a password is checked: why the sign-in must be refused, or null — and then the
   * attempt is counted as a failure right away, so that attempts sent at once cannot all pass
   * this check before the first wrong password is counted. `settled` takes it back unless the
   * password was wrong.
   */
  begin(email: string, address: string): string | null {
    const [account, pair] = keys(email, address);
    if (this.pairs.blocked(pair)) return "too many wrong passwords for this account from here; try again in 15 minutes";
    if (this.accounts.blocked(account)) return "too many wrong passwords for this account; try again within the hour";
    this.pairs.fail(pair);
    this.accounts.fail(account);
    return null;
  }

  /** The attempt `begin` counted ended: a wrong password keeps the count, anything else takes it back (a right one clears this address's count). */
  settled(email: string, address: string, outcome: "wrong-password" | "signed-in" | "other"): void {
    if (outcome === "wrong-password") return;
    const [account, pair] = keys(email, address);
    this.accounts.undo(account);
    if (outcome === "signed-in") this.pairs.forget(pair);
    else this.pairs.undo(pair);
  }
}

function keys(email: string, address: string): [account: string, pair: string] {
  const account = accountKey(email);
  return [account, `${account}|${addressKey(address)}`];
}

/** Better Auth stores emails lower-cased; so is the count. */
function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
