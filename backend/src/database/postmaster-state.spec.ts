import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectPostmaster, ownerFile, removeStale } from './postmaster-state';

/** postmaster.pid as PostgreSQL writes it: pid, data folder, start time, port, socket folder, address, shmem key, status. */
const pidFile = (databaseDir: string, pid: number) =>
  writeFileSync(
    join(databaseDir, 'postmaster.pid'),
    `${pid}\n${databaseDir}\n1764300000\n5999\n/tmp\n127.0.0.1\n  1234   5678\nready   \n`,
  );

describe('what a crash left in the data folder', () => {
  let dataDir: string;
  let databaseDir: string;
  let fake: ChildProcess | null = null;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'yuejuan-pm-'));
    databaseDir = join(dataDir, 'pg');
    mkdirSync(databaseDir);
  });
  afterEach(() => {
    fake?.kill('SIGKILL');
    fake = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A process whose command line is a postmaster's of this folder, child of this test process. */
  const fakePostmaster = async () => {
    fake = spawn(process.execPath, [
      '-e',
      'setInterval(() => {}, 1000)',
      'postgres',
      '-D',
      databaseDir,
    ]);
    await new Promise((r) => fake!.once('spawn', r));
    return fake.pid!;
  };

  it('no postmaster.pid: nothing runs', () => {
    expect(inspectPostmaster(dataDir, databaseDir)).toEqual({ kind: 'none' });
  });

  it('a pid that no longer runs is stale; PostgreSQL clears it itself', () => {
    pidFile(databaseDir, 4_194_000);
    expect(inspectPostmaster(dataDir, databaseDir)).toMatchObject({
      kind: 'stale',
      pid: 4_194_000,
      isPidReused: false,
    });
  });

  it('a pid now used by another program is stale and reused, and its file can go', () => {
    pidFile(databaseDir, process.pid);
    const state = inspectPostmaster(dataDir, databaseDir);
    expect(state).toMatchObject({
      kind: 'stale',
      isPidReused: true,
      port: 5999,
      socketDir: '/tmp',
    });
    removeStale(databaseDir, state as Extract<typeof state, { kind: 'stale' }>);
    expect(existsSync(join(databaseDir, 'postmaster.pid'))).toBe(false);
  });

  it('a live postmaster of this folder is in use while its recorded owner is its parent', async () => {
    pidFile(databaseDir, await fakePostmaster());
    writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
    expect(inspectPostmaster(dataDir, databaseDir)).toMatchObject({
      kind: 'in-use',
      ownerPid: process.pid,
      port: 5999,
    });
  });

  it('a live postmaster whose recorded owner is not its parent is an orphan (its server was killed)', async () => {
    pidFile(databaseDir, await fakePostmaster());
    writeFileSync(ownerFile(dataDir), '4194001\n');
    expect(inspectPostmaster(dataDir, databaseDir)).toMatchObject({ kind: 'orphan', port: 5999 });
  });
});
