import type { AttemptCounts } from './login-attempts.repository';

/**
 * The sign-in limits (docs/accounts.md): a tight one per (account, address), so one attacker
 * cannot guess for long and cannot lock the owner out from elsewhere; one per address across
 * accounts, against spraying; and a looser one per account across all addresses, against a
 * distributed guesser, that does not apply from an address that signed in to the account before.
 */
export interface LoginLimits {
  perAccountAddress: number;
  perAddress: number;
  perAccount: number;
}

export type LimitScope = 'account_address' | 'address' | 'account';

export interface LimitVerdict {
  scope: LimitScope;
  retryAfterSeconds: number;
}

/** Which limit the attempt (already counted in `c`) is over, or null. Pure. */
export function loginVerdict(c: AttemptCounts, l: LoginLimits): LimitVerdict | null {
  const wait = (s: number | null) => Math.max(1, s ?? 1);
  if (c.pair > l.perAccountAddress)
    return { scope: 'account_address', retryAfterSeconds: wait(c.pairRetrySeconds) };
  if (c.address > l.perAddress)
    return { scope: 'address', retryAfterSeconds: wait(c.addressRetrySeconds) };
  if (!c.isKnownAddress && c.account > l.perAccount)
    return { scope: 'account', retryAfterSeconds: wait(c.accountRetrySeconds) };
  return null;
}

const WHAT: Record<LimitScope, string> = {
  account_address: 'for this account',
  address: 'from this address',
  account: 'for this account from new addresses',
};

/** The English message of a verdict; clients word it from the code and params instead. */
export function limitMessage(v: LimitVerdict): string {
  const minutes = Math.ceil(v.retryAfterSeconds / 60);
  return `too many failed sign-ins ${WHAT[v.scope]}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
