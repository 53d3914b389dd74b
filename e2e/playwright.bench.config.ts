import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** Benchmarks in Chromium, run by hand: npx playwright test -c playwright.bench.config.ts (never part of npm test). */
export default defineConfig({
  ...base,
  projects: undefined,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  timeout: 300_000,
});
