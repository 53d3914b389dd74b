/**
 * The lint step's own checks (run by `node --test scripts/`, a step of `npm test`): the migration
 * manifest only grows and catches an edited, removed or unlisted migration; `.env.example` is
 * caught when stale.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const run = (script, args, env) =>
  spawnSync(process.execPath, [join(here, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

test('migrations:lock adds new files only, and the check fails on an edited, missing or unlisted migration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-migrations-'));
  const env = { MIGRATIONS_DIR: dir };
  try {
    writeFileSync(join(dir, '1000000000000-First.ts'), 'export class First {}\n');
    writeFileSync(join(dir, 'index.ts'), '// not a migration\n');
    let r = run('migrations-lock.mjs', ['--check'], env);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /1000000000000-First\.ts is not in manifest\.json: run `npm run migrations:lock`/,
    );

    assert.equal(run('migrations-lock.mjs', [], env).status, 0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest), ['1000000000000-First.ts']);
    assert.equal(run('migrations-lock.mjs', ['--check'], env).status, 0);

    appendFileSync(join(dir, '1000000000000-First.ts'), '// edited after it landed\n');
    r = run('migrations-lock.mjs', ['--check'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1000000000000-First\.ts changed after it landed/);
    r = run('migrations-lock.mjs', [], env);
    assert.equal(r.status, 1, 'lock refuses to re-hash a landed migration');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), manifest);

    rmSync(join(dir, '1000000000000-First.ts'));
    r = run('migrations-lock.mjs', ['--check'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1000000000000-First\.ts is locked in manifest\.json but is gone/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the repository manifest matches every locked migration', () => {
  const r = run('migrations-lock.mjs', ['--check'], {});
  assert.doesNotMatch(r.stderr, /changed after it landed|is gone/);
});

test('.env.example is caught when stale and written from the config table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-env-'));
  const target = join(dir, '.env.example');
  try {
    copyFileSync(join(here, '../.env.example'), target);
    assert.equal(run('env-example.mjs', ['--check'], { ENV_EXAMPLE: target }).status, 0);
    appendFileSync(target, '# STALE=1\n');
    const r = run('env-example.mjs', ['--check'], { ENV_EXAMPLE: target });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /run `npm run env:example`/);
    assert.equal(run('env-example.mjs', [], { ENV_EXAMPLE: target }).status, 0);
    const text = readFileSync(target, 'utf8');
    for (const name of ['PORT', 'DATABASE_URL', 'SESSION_CACHE_MS', 'ADMIN_PASSWORD'])
      assert.match(text, new RegExp(`^# ${name}=`, 'm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('@yuejuan/contracts depends on nothing (npm install <pkg> -w backend also writes to it)', () => {
  const pkg = JSON.parse(readFileSync(join(here, '../backend/contracts/package.json'), 'utf8'));
  assert.deepEqual(
    { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies },
    {},
    'backend/contracts/package.json lists a dependency: remove it (it was meant for backend/package.json)',
  );
});
