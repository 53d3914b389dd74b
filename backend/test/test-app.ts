import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, createLogger } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/data-source';
import { Role } from '../src/auth/roles';
import { UsersService } from '../src/users/users.service';
import { TRUNCATE_PAPERS_AND_ACCOUNTS, TRUNCATE_PIPELINE } from './support/tables';

export const TEST_PASSWORD = 'correct-horse-battery';
export type Agent = ReturnType<typeof request.agent>;

export interface TestApp {
  /** A signed-in client (cookie + CSRF header) for a fresh user with these roles. */
  as: (roles: Role | Role[], username?: string) => Promise<Agent>;
  app: NestExpressApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Users, sessions and papers emptied (retried if background work deadlocks with it). */
  reset: () => Promise<void>;
  /** Every table the pipeline writes emptied (support/tables.ts), retried the same way. */
  truncateAll: () => Promise<void>;
  /** A TRUNCATE of some tables of the spec's own, retried the same way. */
  truncate: (sql: string) => Promise<void>;
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

/** The real application on the real test database (migrated once), without the web app or samples. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run through jest so global-setup starts PostgreSQL');
  await migrate(url);
  const config: AppConfig = {
    ...loadConfig({
      SEED_SAMPLES: 'false',
      SEED_DEMO_ACCOUNTS: 'false',
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'error',
    }),
    databaseUrl: url,
    ...overrides,
  };
  // TEST_LOGS=1 shows the application's own log lines while debugging a spec.
  const app = await createApp(config, url, process.env.TEST_LOGS ? createLogger(config) : false);
  const db = app.get(DataSource);
  let n = 0;
  return {
    app,
    db,
    as: async (roles, username) => {
      const list = Array.isArray(roles) ? roles : [roles];
      const name = username ?? `${list.join('-').replace(/_/g, '')}-${++n}`;
      await app
        .get(UsersService)
        .create(
          { username: name, displayName: name, password: TEST_PASSWORD, roles: list },
          { id: null, name: 'test' },
        );
      const agent = request.agent(app.getHttpServer());
      const res = await agent
        .post('/api/auth/login')
        .send({ username: name, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      agent.set('X-XSRF-TOKEN', res.body.csrfToken);
      return agent;
    },
    http: () => request(app.getHttpServer()),
    truncateAll: () => retryDeadlock(() => db.query(TRUNCATE_PIPELINE)),
    truncate: (sql: string) => retryDeadlock(() => db.query(sql)),
    reset: () => retryDeadlock(() => db.query(TRUNCATE_PAPERS_AND_ACCOUNTS)),
    count: async (table: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n,
    close: () => app.close(),
  };
}

/**
 * The app's background work (grading catch-up, task sync, lease renewal) may hold row locks that a
 * test's TRUNCATE meets in the other order: PostgreSQL then cancels one side (40P01, deadlock). The
 * test's side is simply tried again.
 */
async function retryDeadlock(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '40P01' || attempt === 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
