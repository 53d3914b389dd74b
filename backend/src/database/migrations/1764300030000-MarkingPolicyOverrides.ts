import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marking mode and tolerance set by an admin in the UI, per paper version or per question. A
 * published version is immutable (its scoring_policy is part of its hash), so the override lives
 * beside it. Precedence, per field: question override > paper override > question policy > paper
 * policy (marking-store.ts MODE_COLUMNS). One current row per target; the history of changes is
 * in audit_events (marking_policy_set / marking_policy_clear, before and after).
 */
export class MarkingPolicyOverrides1764300030000 implements MigrationInterface {
  name = 'MarkingPolicyOverrides1764300030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE marking_policy_overrides (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_marking_policy_overrides PRIMARY KEY,
        paper_version_id uuid CONSTRAINT fk_marking_policy_overrides_version REFERENCES paper_versions(id) ON DELETE CASCADE,
        question_id uuid CONSTRAINT fk_marking_policy_overrides_question REFERENCES questions(id) ON DELETE CASCADE,
        mode text CONSTRAINT ck_marking_policy_overrides_mode CHECK (mode IN ('single', 'double')),
        tolerance numeric(6,2) CONSTRAINT ck_marking_policy_overrides_tolerance CHECK (tolerance >= 0),
        set_by uuid CONSTRAINT fk_marking_policy_overrides_set_by REFERENCES users(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_marking_policy_overrides_target CHECK ((paper_version_id IS NULL) <> (question_id IS NULL)),
        CONSTRAINT ck_marking_policy_overrides_value CHECK (mode IS NOT NULL OR tolerance IS NOT NULL)
      )`);
    // The marking hot path looks an override up by question, then by paper: one index probe each.
    await q.query(
      `CREATE UNIQUE INDEX uq_marking_policy_overrides_question ON marking_policy_overrides (question_id) WHERE question_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_marking_policy_overrides_version ON marking_policy_overrides (paper_version_id) WHERE paper_version_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE marking_policy_overrides`);
  }
}
