import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation rounds (评测轮次): the runs of one evaluation at one date. A round's papers are the
 * papers of its runs (run_papers), not a list of their own, so the two can never disagree. A run
 * belongs to at most one round (round_runs.run_id is the key): a result is counted in one round only.
 * Rounds are descriptions, not results: editing a name or moving a run changes no score.
 */
export class EvaluationRounds1764300097000 implements MigrationInterface {
  name = 'EvaluationRounds1764300097000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rounds (
        id uuid CONSTRAINT pk_rounds PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT ck_rounds_name CHECK (length(btrim(name)) BETWEEN 1 AND 120),
        held_on date NOT NULL,
        notes text NOT NULL DEFAULT '',
        created_by uuid CONSTRAINT fk_rounds_creator REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_rounds_name UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE round_runs (
        run_id uuid CONSTRAINT pk_round_runs PRIMARY KEY CONSTRAINT fk_round_runs_run REFERENCES runs(id),
        round_id uuid NOT NULL CONSTRAINT fk_round_runs_round REFERENCES rounds(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_round_runs_round ON round_runs (round_id)`);
    // "The previous round" is the latest one held before: ordered by date, then creation.
    await q.query(`CREATE INDEX ix_rounds_held_on ON rounds (held_on, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE round_runs`);
    await q.query(`DROP TABLE rounds`);
  }
}
