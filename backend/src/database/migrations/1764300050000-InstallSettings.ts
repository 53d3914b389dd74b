import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts about the installation itself, one row per key. The first is `demo_seeded`: the demo
 * accounts, sample papers and teacher assignments are made once, on an empty install, and never
 * again (every start used to re-assign the demo teachers, undoing an admin's removals). An install
 * that already holds users or papers was seeded by an earlier version, so it is recorded as seeded.
 */
export class InstallSettings1764300050000 implements MigrationInterface {
  name = 'InstallSettings1764300050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE install_settings (
         key text CONSTRAINT pk_install_settings PRIMARY KEY,
         value jsonb NOT NULL DEFAULT '{}',
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(
      `INSERT INTO install_settings (key, value)
       SELECT 'demo_seeded', '{"by": "migration: the install already held data"}'::jsonb
       WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM papers)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE install_settings`);
  }
}
