import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp, createLogger, httpDrainOf, prepareDatabase } from './bootstrap';
import { EmbeddedDatabase } from './database/embedded-postgres';
import { describeStartupFailure } from './database/startup-error';
import { DEMO_PASSWORD, UsersService } from './users/users.service';
import { DemoSeedService } from './worker/demo-seed.service';
import { WorkerService } from './worker/worker.service';

/** How long requests in flight get to finish at shutdown before they are refused with 503. */
const HTTP_GRACE_MS = 8000;
/** A shutdown that hangs past this ends the process anyway (PostgreSQL still gets its stop signal). */
const SHUTDOWN_LIMIT_MS = 25_000;

/** What is running, so that a signal at any point stops it in order: requests, app, then PostgreSQL. */
class Server {
  embedded: EmbeddedDatabase | null = null;
  app: NestExpressApplication | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly logger: ConsoleLogger) {}

  get isStopping() {
    return this.stopping !== null;
  }

  /**
   * One ordered sequence: stop taking requests and let those in flight finish (late ones get 503
   * with Retry-After) while the worker's schedules stop (the collection runner finishes its requests
   * and hands its claimed items back); then close the app (jobs, database pool); then stop PostgreSQL.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      setTimeout(() => {
        this.logger.error(
          `shutdown did not finish within ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`,
          'Main',
        );
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
      const app = this.app;
      const at = [Date.now()];
      if (app) {
        const server = app.getHttpServer();
        await Promise.all([
          server.listening ? httpDrainOf(app).drain(server, HTTP_GRACE_MS) : undefined,
          app.get(WorkerService).stop(),
        ]);
        at.push(Date.now());
        await app.close();
        at.push(Date.now());
      }
      await this.embedded?.stop();
      at.push(Date.now());
      const ms = at.slice(1).map((t, i) => `${t - at[i]} ms`);
      this.logger.log(
        `stopped (${app ? `requests ${ms[0]}, app ${ms[1]}, ` : ''}PostgreSQL ${ms[ms.length - 1]})`,
        'Main',
      );
    })();
    return this.stopping;
  }
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const logger = createLogger(config);
  const server = new Server(logger);
  // Handled from the first moment: a signal during start-up stops what has started so far.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (server.isStopping) return;
      logger.log(`${signal}: shutting down`, 'Main');
      server.stop().then(
        () => process.exit(0),
        (e) => {
          logger.error(`shutdown failed: ${(e as Error).message}`, 'Main');
          process.exit(1);
        },
      );
    });
  }

  let phase = 'starting the database';
  try {
    const db = await prepareDatabase(config, logger);
    server.embedded = db.embedded;
    phase = 'starting the application';
    const app = (server.app = await createApp(config, db.url, logger));
    phase = 'seeding the demo';
    const demo = await app.get(UsersService).ensureInitialAccounts();
    await app.get(DemoSeedService).seedFreshInstall(demo.length > 0);
    phase = 'grading stored answers';
    // Answers stored before this start (or graded by an older grader) are graded now, from storage,
    // and their marking tasks created.
    const caught = await app.get(WorkerService).settle();
    if (caught.graded || caught.changed)
      logger.log(
        `graded ${caught.graded} answers; re-grading changed ${caught.changed}`,
        'Grading',
      );
    phase = `listening on ${config.host}:${config.port}`;
    await app.listen(config.port, config.host);
    printWelcome(config.host, config.port, demo);
  } catch (e) {
    if (server.isStopping) return; // a signal stopped the start-up; its own sequence exits
    console.error(describeStartupFailure(e, phase));
    await server.stop().catch(() => undefined);
    process.exit(1);
  }
}

function printWelcome(host: string, port: number, demo: { username: string; roles: string[] }[]) {
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  console.log(`\n  Yuejuan is running at http://${shown}:${port}/  (API docs: /api/docs)\n`);
  if (!demo.length) return;
  console.log(
    `  Demo accounts (password "${DEMO_PASSWORD}"; set SEED_DEMO_ACCOUNTS=false in production):`,
  );
  for (const a of demo) console.log(`    ${a.username.padEnd(12)} ${a.roles.join(', ')}`);
  console.log('');
}

main().catch((e) => {
  console.error(describeStartupFailure(e, 'starting'));
  process.exit(1);
});
