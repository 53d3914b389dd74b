import { defineConfig } from '@playwright/test';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3210);
const READING = /\/(papers|reports|runs)\.(api|browser)\.spec\.ts$/;
// A fresh embedded database per run, so journeys start from the sample papers only.
const dataDir = mkdtempSync(join(tmpdir(), 'yuejuan-e2e-'));
chmodSync(dataDir, 0o755);

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: './test-results',
  // One server for every journey, so the journeys that only read the library, the runs and the
  // report go first: the marking and authoring journeys add papers, models and answers after them.
  projects: [
    { name: 'library, runs and report', testMatch: READING },
    {
      name: 'marking, authoring, admin',
      testIgnore: READING,
      dependencies: ['library, runs and report'],
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    // The journeys read the app in Chinese first, as a browser set to Chinese opens it.
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node ../backend/dist/main.js',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    // Small acceptance bars for the judge (defaults 30 and 10) so judge-quality.browser.spec.ts can
    // reach them with a few answers; the rule itself is the same (docs/judge-quality.md).
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JUDGE_VALIDATION_MIN_ANSWERS: '8',
      JUDGE_VALIDATION_MIN_HUMAN_PAIRS: '4',
    },
    // Without it Playwright SIGKILLs the server's process group, and the embedded PostgreSQL, which
    // runs in a group of its own, would be left running; SIGTERM makes the server stop it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
