import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/data-source';

const TABLES = [
  'pdf_pages',
  'pdf_documents',
  'rubrics',
  'question_images',
  'questions',
  'passages',
  'paper_versions',
  'papers',
  'asset_variants',
  'assets',
];

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  reset: () => Promise<void>;
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

/** The real application on the real test database (migrated once), without the web app or samples. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through jest so global-setup starts PostgreSQL');
  await migrate(url);
  const config: AppConfig = {
    ...loadConfig({ SEED_SAMPLES: 'false', WEB_DIST: '/nonexistent', LOG_LEVEL: 'error' }),
    databaseUrl: url,
    ...overrides,
  };
  const app = await createApp(config, url);
  const db = app.get(DataSource);
  return {
    app,
    db,
    http: () => request(app.getHttpServer()),
    reset: async () => {
      await db.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
    },
    count: async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n,
    close: () => app.close(),
  };
}
