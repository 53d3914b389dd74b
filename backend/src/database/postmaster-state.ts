import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What is left of an embedded PostgreSQL in a data folder before we start one:
 * - `none`: no postmaster.pid, nothing running;
 * - `stale`: postmaster.pid names a process that is gone, or whose pid now belongs to another program (`isPidReused`):
 *   PostgreSQL itself or the machine crashed;
 * - `orphan`: its PostgreSQL still runs but the server that started it is gone (kill -9 of the server);
 * - `in-use`: its PostgreSQL runs for a live server process.
 */
export type PostmasterState =
  | { kind: 'none' }
  | {
      kind: 'stale';
      pid: number;
      port: number | null;
      socketDir: string | null;
      isPidReused: boolean;
    }
  | { kind: 'orphan' | 'in-use'; pid: number; port: number; ownerPid: number };

/** The file in which a server records its pid next to the cluster it started, so a later start can tell "orphan" from "in use". */
export const ownerFile = (dataDir: string) => join(dataDir, 'postgres-owner.pid');

interface ProcessInfo {
  ppid: number;
  args: string;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parent pid and command line of a live process: /proc on Linux, `ps` elsewhere; null if it does not run. */
export function processInfo(pid: number): ProcessInfo | null {
  if (!isAlive(pid)) return null;
  try {
    if (existsSync('/proc/self/stat')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name in parentheses may hold spaces; the fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
      if (state === 'Z') return null; // exited, not yet reaped: it holds nothing
      return { ppid, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') };
    }
    const out = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    const m = /^(\d+)\s+(.*)$/.exec(out);
    return m ? { ppid: Number(m[1]), args: m[2] } : null;
  } catch {
    return null;
  }
}

/** Reads postmaster.pid (pid, data folder, start time, port, socket folder, …, status). */
function readPidFile(databaseDir: string) {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  return {
    pid: Number(lines[0]),
    port: Number(lines[3]) || null,
    socketDir: lines[4]?.trim() || null,
    status: lines[7]?.trim() ?? '',
  };
}

/** True once the postmaster `pid` says it accepts connections (pg_ctl waits on the same line). */
export function isReady(databaseDir: string, pid: number): boolean {
  const f = readPidFile(databaseDir);
  return f?.pid === pid && f.status === 'ready';
}

export function inspectPostmaster(dataDir: string, databaseDir: string): PostmasterState {
  const f = readPidFile(databaseDir);
  if (!f) return { kind: 'none' };
  const info = Number.isInteger(f.pid) && f.pid > 0 ? processInfo(f.pid) : null;
  // A reused pid (after a reboot) may belong to anything: only a postgres started on this folder counts.
  if (!info || !/postgres/.test(info.args) || !info.args.includes(resolve(databaseDir)))
    return {
      kind: 'stale',
      pid: f.pid,
      port: f.port,
      socketDir: f.socketDir,
      isPidReused: info !== null,
    };
  const recorded = existsSync(ownerFile(dataDir))
    ? Number(readFileSync(ownerFile(dataDir), 'utf8').trim())
    : null;
  // A server's PostgreSQL is its child. Once the server is killed, the kernel hands PostgreSQL to
  // init (or a subreaper), so the parent no longer matches the recorded owner.
  const owner = processInfo(info.ppid);
  const isOwned =
    recorded !== null
      ? info.ppid === recorded
      : owner !== null && /node/.test(owner.args) && info.ppid !== 1;
  return {
    kind: isOwned && owner ? 'in-use' : 'orphan',
    pid: f.pid,
    port: f.port ?? 0,
    ownerPid: info.ppid,
  };
}

/** Removes what a dead postmaster left: its pid file and, if its socket lock names it, the socket files. */
export function removeStale(
  databaseDir: string,
  s: { pid: number; port: number | null; socketDir: string | null },
) {
  rmSync(join(databaseDir, 'postmaster.pid'), { force: true });
  if (!s.port || !s.socketDir) return;
  const lock = join(s.socketDir, `.s.PGSQL.${s.port}.lock`);
  try {
    if (Number(readFileSync(lock, 'utf8').split('\n')[0]) !== s.pid) return;
    rmSync(lock, { force: true });
    rmSync(join(s.socketDir, `.s.PGSQL.${s.port}`), { force: true });
  } catch {
    // no lock file: nothing to remove
  }
}

/**
 * Stops an orphaned postmaster: SIGINT is PostgreSQL's fast shutdown (sessions ended, a clean
 * checkpoint); if it has not gone after `graceMs`, SIGQUIT ends it at once (crash recovery at next start).
 */
export async function stopPostmaster(pid: number, graceMs = 30_000): Promise<void> {
  const gone = async (ms: number) => {
    for (
      const until = Date.now() + ms;
      Date.now() < until;
      await new Promise((r) => setTimeout(r, 50))
    )
      if (!processInfo(pid)) return true;
    return !processInfo(pid);
  };
  process.kill(pid, 'SIGINT');
  if (await gone(graceMs)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await gone(5_000))) throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
}
