import { DataSource } from 'typeorm';
import { migrate } from '../src/database/data-source';
import { KEPT_TABLES, PAPER_AND_ACCOUNT_TABLES, PIPELINE_TABLES } from './support/tables';

/**
 * The tests' table lists (support/tables.ts) cover the schema: a table a migration adds must be
 * sorted into what `truncateAll()` empties between tests or what it keeps, so no spec keeps its
 * own TRUNCATE list again.
 */
describe('test table lists', () => {
  it('name every table of the migrated schema once', async () => {
    const url = process.env.DATABASE_URL!;
    await migrate(url);
    const db = await new DataSource({ type: 'postgres', url }).initialize();
    try {
      const rows: { name: string }[] = await db.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      const listed: string[] = [...PIPELINE_TABLES, ...PAPER_AND_ACCOUNT_TABLES, ...KEPT_TABLES];
      expect(new Set(listed).size).toBe(listed.length);
      expect(rows.map((r) => r.name).sort()).toEqual([...listed].sort());
    } finally {
      await db.destroy();
    }
  });
});
