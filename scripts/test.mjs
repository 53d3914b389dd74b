#!/usr/bin/env node
/**
 * `npm test`: every suite CI needs, in order, stopping at the first failure.
 * Chromium and a CJK font (installed with apt when missing) → lint (ESLint, Prettier, migration
 * manifest, .env.example, module graph) and its checks' own test → backend unit + medium (real
 * PostgreSQL) → frontend unit → builds → API and browser journeys in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  // Debian's Chromium and a CJK font, installed with apt when missing: the browser journeys need
  // both, and the backend's PDF fixtures set Chinese in that font, so this comes first.
  ['Chromium and a CJK font', ['exec', '--', 'node', 'e2e/ensure-chromium.mjs']],
  ['lint', ['run', 'lint']],
  // The lint step's own checks (migration manifest, .env.example) tested on files of their own.
  ['lint checks tested', ['exec', '--', 'node', '--test', 'scripts/habits.test.mjs']],
  ['backend build', ['run', 'build', '-w', 'backend']],
  ['backend tests (unit + medium on PostgreSQL)', ['test', '-w', 'backend']],
  ['frontend unit tests', ['test', '-w', 'frontend']],
  ['frontend build', ['run', 'build', '-w', 'frontend']],
  ['end-to-end (API + Chromium)', ['test', '-w', 'e2e']],
];

for (const [label, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npm', args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: process.env.CI ?? 'true' },
  });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
console.log('\nall suites passed');
