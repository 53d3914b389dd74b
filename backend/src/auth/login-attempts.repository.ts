import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Failures counted for one sign-in, each with the seconds until its oldest counted failure leaves its window. */
export interface AttemptCounts {
  attemptId: string;
  pair: number;
  pairRetrySeconds: number;
  address: number;
  addressRetrySeconds: number;
  account: number;
  accountRetrySeconds: number;
  /** This address signed in to this account before (within 30 days): exempt from the account limit. */
  isKnownAddress: boolean;
}

export interface Windows {
  pairMinutes: number;
  accountMinutes: number;
}

/**
 * login_attempts, in raw SQL: the reservation must count and insert under one lock per account,
 * which a query builder would only obscure.
 */
@Injectable()
export class LoginAttemptsRepository {
  private key: Promise<Buffer> | null = null;

  constructor(private readonly db: DataSource) {}

  /**
   * A keyed hash (HMAC-SHA256) of the text typed as username: stable, so attempts can be counted
   * and audited, but not the text itself, which is sometimes a password typed in the wrong field.
   */
  async accountKey(typed: string): Promise<string> {
    this.key ??= this.db
      .query(`SELECT value FROM server_secrets WHERE name = 'login_attempt_key'`)
      .then((rows: { value: Buffer }[]) => rows[0].value);
    return createHmac('sha256', await this.key)
      .update(typed)
      .digest('hex');
  }

  /**
   * Records this attempt as a failure before the password is checked, and counts the failures
   * including it, under a transaction-scoped advisory lock on the account: parallel attempts are
   * counted one after another, so a burst cannot all pass a check that none has yet recorded.
   */
  async reserve(
    accountKey: string,
    address: string,
    userId: string | null,
    w: Windows,
  ): Promise<AttemptCounts> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1))`, [accountKey]);
      const [{ id }] = await m.query(
        `INSERT INTO login_attempts (account_key, address, user_id, is_success) VALUES ($1, $2, $3, false) RETURNING id::text`,
        [accountKey, address, userId],
      );
      const [c] = await m.query(
        `WITH f AS (
           SELECT account_key, address, attempted_at FROM login_attempts
           WHERE NOT is_success AND NOT is_limited AND (account_key = $1 OR address = $2)
             AND attempted_at > now() - make_interval(mins => greatest($3::int, $4::int)))
         SELECT
           count(*) FILTER (WHERE account_key = $1 AND address = $2 AND attempted_at > now() - make_interval(mins => $3::int))::int AS pair,
           ceil(extract(epoch FROM min(attempted_at) FILTER (WHERE account_key = $1 AND address = $2 AND attempted_at > now() - make_interval(mins => $3::int))
                + make_interval(mins => $3::int) - now()))::int AS "pairRetrySeconds",
           count(*) FILTER (WHERE address = $2 AND attempted_at > now() - make_interval(mins => $3::int))::int AS address,
           ceil(extract(epoch FROM min(attempted_at) FILTER (WHERE address = $2 AND attempted_at > now() - make_interval(mins => $3::int))
                + make_interval(mins => $3::int) - now()))::int AS "addressRetrySeconds",
           count(*) FILTER (WHERE account_key = $1 AND attempted_at > now() - make_interval(mins => $4::int))::int AS account,
           ceil(extract(epoch FROM min(attempted_at) FILTER (WHERE account_key = $1 AND attempted_at > now() - make_interval(mins => $4::int))
                + make_interval(mins => $4::int) - now()))::int AS "accountRetrySeconds",
           EXISTS (SELECT 1 FROM login_attempts s WHERE s.account_key = $1 AND s.address = $2 AND s.is_success
                   AND s.attempted_at > now() - interval '30 days') AS "isKnownAddress"
         FROM f`,
        [accountKey, address, w.pairMinutes, w.accountMinutes],
      );
      return { attemptId: id, ...c };
    });
  }

  /** A refused attempt no longer counts: hammering at a 429 does not keep the account locked. */
  async markLimited(attemptId: string): Promise<void> {
    await this.db.query(`UPDATE login_attempts SET is_limited = true WHERE id = $1`, [attemptId]);
  }

  async markSuccess(attemptId: string): Promise<void> {
    await this.db.query(`UPDATE login_attempts SET is_success = true WHERE id = $1`, [attemptId]);
  }
}
