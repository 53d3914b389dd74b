import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The UI tour, run by hand: `npm run tour -w e2e` signs in as each role on a fresh demo and
 * screenshots every page, in Chinese and English, into e2e/tour-screens/ (never part of npm test).
 */
export default defineConfig({
  ...base,
  projects: undefined,
  testDir: './tour',
  testMatch: '**/*.tour.ts',
  timeout: 600_000,
  use: { ...base.use, viewport: { width: 1366, height: 768 } },
});
