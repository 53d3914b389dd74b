import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in attempts keyed by a keyed hash of the typed username instead of the text itself: people
 * type passwords into the username field, and that text must not be kept. The key is made here,
 * once per install. Attempts are counted per (account, address), per address and per account;
 * refused (rate-limited) attempts are marked so that hammering at a 429 does not extend it.
 * Old rows (a 15-minute window's worth, holding raw usernames) are dropped, and the raw text of
 * earlier failed sign-ins to unknown accounts is removed from the audit trail, the one rewrite of
 * it, made here by the schema owner and not possible for the application.
 */
export class LoginAttemptsKeyed1764300060000 implements MigrationInterface {
  name = 'LoginAttemptsKeyed1764300060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE server_secrets (
         name text CONSTRAINT pk_server_secrets PRIMARY KEY,
         value bytea NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`INSERT INTO server_secrets (name, value) VALUES ('login_attempt_key', $1)`, [randomBytes(32)]);
    await q.query(`DELETE FROM login_attempts`);
    await q.query(`ALTER TABLE login_attempts DROP COLUMN username`);
    await q.query(`ALTER TABLE login_attempts ADD COLUMN account_key char(64) NOT NULL`);
    await q.query(
      `ALTER TABLE login_attempts ADD COLUMN user_id uuid CONSTRAINT fk_login_attempts_user REFERENCES users(id) ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE login_attempts ADD COLUMN is_limited boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX ix_login_attempts_account ON login_attempts (account_key, attempted_at)`);
    await q.query(`CREATE INDEX ix_login_attempts_account_address ON login_attempts (account_key, address, attempted_at)`);
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only`);
    await q.query(`UPDATE audit_events SET actor_name = NULL WHERE action = 'login_failed' AND actor_id IS NULL`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM login_attempts`);
    await q.query(`DROP INDEX ix_login_attempts_account_address`);
    await q.query(`DROP INDEX ix_login_attempts_account`);
    await q.query(`ALTER TABLE login_attempts DROP COLUMN is_limited, DROP COLUMN user_id, DROP COLUMN account_key`);
    await q.query(`ALTER TABLE login_attempts ADD COLUMN username text NOT NULL`);
    await q.query(`CREATE INDEX ix_login_attempts_username ON login_attempts (username, attempted_at)`);
    await q.query(`DROP TABLE server_secrets`);
  }
}
