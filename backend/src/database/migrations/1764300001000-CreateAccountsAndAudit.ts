import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, roles, sessions, login throttling and the append-only audit trail. */
export class CreateAccountsAndAudit1764300001000 implements MigrationInterface {
  name = 'CreateAccountsAndAudit1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid CONSTRAINT pk_users PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CONSTRAINT uq_users_username UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CONSTRAINT ck_users_roles CHECK
          (roles <@ ARRAY['admin','author','teacher','senior_teacher','researcher']::text[]),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sessions (
        token_hash char(64) CONSTRAINT pk_sessions PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT fk_sessions_user REFERENCES users(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE login_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_login_attempts PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        is_success boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_login_attempts_username ON login_attempts (username, attempted_at)`);
    await q.query(`CREATE INDEX ix_login_attempts_address ON login_attempts (address, attempted_at)`);

    // Which teacher marks which (sub-)question: the object-level rule behind the marking queue.
    await q.query(`
      CREATE TABLE marking_assignments (
        user_id uuid NOT NULL CONSTRAINT fk_marking_assignments_user REFERENCES users(id),
        question_id uuid NOT NULL CONSTRAINT fk_marking_assignments_question REFERENCES questions(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_marking_assignments PRIMARY KEY (user_id, question_id)
      )`);
    await q.query(`CREATE INDEX ix_marking_assignments_question ON marking_assignments (question_id)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_audit_events PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name text,
        action text NOT NULL,
        entity_type text,
        entity_id text,
        before jsonb,
        after jsonb,
        address text
      )`);
    await q.query(`CREATE INDEX ix_audit_events_at ON audit_events (at DESC)`);
    await q.query(`CREATE INDEX ix_audit_events_actor ON audit_events (actor_id, at DESC)`);
    await q.query(`CREATE INDEX ix_audit_events_action ON audit_events (action, at DESC)`);
    // Enforced in the database, not in the service: even the application's own role cannot rewrite history.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_audit_events_append_only ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    for (const t of ['audit_events', 'marking_assignments', 'login_attempts', 'sessions', 'users']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
