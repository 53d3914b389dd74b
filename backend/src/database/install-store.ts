import { DataSource } from 'typeorm';

// Advisory lock key of the one-time seeding: any constant shared by every process of this app.
const SEED_LOCK = 7_734_252;

/** Facts about the installation (table install_settings) and the queries of its one-time seeding. */
export class InstallStore {
  constructor(private readonly db: DataSource) {}

  /** Runs `fn` under a session advisory lock, so two processes starting together on an empty install seed it once. */
  async exclusively<T>(fn: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM install_settings WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  async record(key: string, value: object): Promise<void> {
    await this.db.query(
      `INSERT INTO install_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, JSON.stringify(value)],
    );
  }

  async questionsWithTasks(): Promise<string[]> {
    return (await this.db.query(`SELECT DISTINCT question_id AS id FROM marking_tasks`)).map(
      (r: { id: string }) => r.id,
    );
  }

  async userIds(usernames: string[]): Promise<string[]> {
    return (await this.db.query(`SELECT id FROM users WHERE username = ANY($1)`, [usernames])).map(
      (r: { id: string }) => r.id,
    );
  }
}
