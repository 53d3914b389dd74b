#!/usr/bin/env node
/**
 * `npm start`: builds whatever is missing or older than its sources, then runs the one server
 * process (API + web app on one port). Ctrl-C reaches the server, which stops the embedded
 * PostgreSQL before exiting. SKIP_BUILD=1 runs what is built as it is (tests that start the
 * server this way, on a machine where someone else is editing the sources).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function isStale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => existsSync(s) && newest(s) > built);
}

function run(args, label) {
  console.log(`> building ${label}…`);
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Both sides compile the shared contracts (backend/contracts), so a change there rebuilds both.
const contracts = join(root, 'backend/contracts/src');
const isBuildSkipped = ['1', 'true'].includes(process.env.SKIP_BUILD ?? '');
if (
  !isBuildSkipped &&
  isStale(join(root, 'backend/dist/main.js'), [join(root, 'backend/src'), contracts])
)
  run(['run', 'build', '-w', 'backend'], 'the backend');
if (
  !isBuildSkipped &&
  isStale(join(root, 'frontend/dist/frontend/browser/index.html'), [
    join(root, 'frontend/src'),
    contracts,
  ])
)
  run(['run', 'build', '-w', 'frontend'], 'the web app');

const server = spawn(process.execPath, [join(root, 'backend/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { LOG_FORMAT: 'pretty', ...process.env },
});
// The terminal sends Ctrl-C (or, closing, SIGHUP) to the whole process group, and a service
// manager sends SIGTERM to us alone: we pass it on, and the server acts on the first it gets.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => server.kill(sig));
// The server's own exit code (0 after an orderly shutdown); killed by a signal, 128 + its number, as a shell reports it.
server.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
