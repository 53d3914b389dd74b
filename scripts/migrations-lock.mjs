#!/usr/bin/env node
/**
 * A landed migration never changes: a database migrated before the edit would never see it (TypeORM
 * runs each migration once, by name). backend/src/database/migrations/manifest.json holds the
 * sha256 of every landed migration file, and only ever grows.
 *
 *   node scripts/migrations-lock.mjs           add entries for migration files not yet listed
 *                                              (`npm run migrations:lock`); refuses when a listed
 *                                              file changed or disappeared
 *   node scripts/migrations-lock.mjs --check   the lint step: fails on a changed, missing or
 *                                              unlisted migration file
 *   node scripts/migrations-lock.mjs FILE…     lock just these files (names in the folder)
 *
 * A fix for a landed migration is a new migration, never an edit (see CONTRIBUTING.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.MIGRATIONS_DIR ?? join(root, 'backend/src/database/migrations');
const manifestPath = join(dir, 'manifest.json');
/** A migration is a file named `<13-digit timestamp>-<Name>.ts`; index.ts and the manifest are not. */
const MIGRATION = /^\d{13}-[A-Za-z0-9]+\.ts$/;

const sha256 = (file) =>
  createHash('sha256')
    .update(readFileSync(join(dir, file)))
    .digest('hex');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
const files = readdirSync(dir).filter((f) => MIGRATION.test(f));

const problems = [];
for (const [file, hash] of Object.entries(manifest)) {
  if (!existsSync(join(dir, file)))
    problems.push(
      `${file} is locked in manifest.json but is gone: a landed migration is never removed`,
    );
  else if (sha256(file) !== hash)
    problems.push(
      `${file} changed after it landed: restore it and put the change in a new migration (databases migrated before the edit never see it)`,
    );
}
const unlisted = files.filter((f) => !(f in manifest));

const args = process.argv.slice(2);
if (args[0] === '--check') {
  for (const f of unlisted)
    problems.push(`${f} is not in manifest.json: run \`npm run migrations:lock\``);
  if (problems.length) {
    console.error(`✗ migrations:\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(`✓ migrations: ${files.length} files match manifest.json`);
} else {
  if (problems.length) {
    console.error(
      `✗ migrations:lock refuses to change a locked entry:\n  - ${problems.join('\n  - ')}`,
    );
    process.exit(1);
  }
  const wanted = args.length ? args : unlisted;
  for (const f of wanted) {
    if (!MIGRATION.test(f) || !existsSync(join(dir, f))) {
      console.error(`✗ ${f} is not a migration file in ${dir}`);
      process.exit(1);
    }
  }
  const added = wanted.filter((f) => !(f in manifest));
  for (const f of added) manifest[f] = sha256(f);
  const sorted = Object.fromEntries(
    Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(manifestPath, JSON.stringify(sorted, null, 2) + '\n');
  console.log(added.length ? `locked:\n  ${added.join('\n  ')}` : 'nothing new to lock');
}
