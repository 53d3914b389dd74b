import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from '../database/database.tokens';

export type JobHandler = (data: { id: string }) => Promise<void>;

/**
 * The Postgres-backed job queue (pg-boss). Payloads carry ids only and handlers are idempotent,
 * so a job retried after a crash does no harm.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private isStopping = false;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  private start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      const boss = new PgBoss({ connectionString: this.url, schema: 'pgboss' });
      // While stopping, connections closing under pg-boss are expected, not errors worth a log line.
      boss.on(
        'error',
        (e) => this.isStopping || this.logger.error(`queue error: ${(e as Error).message}`),
      );
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  async send(queue: string, data: { id: string }): Promise<void> {
    const boss = await this.start();
    await boss.createQueue(queue);
    await boss.send(queue, data, { retryLimit: 3, retryDelay: 5, retryBackoff: true });
  }

  async work(queue: string, handler: JobHandler): Promise<void> {
    const boss = await this.start();
    await boss.createQueue(queue);
    await boss.work<{ id: string }>(queue, { pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        await handler(job.data);
        this.logger.log(`${queue} ${job.data.id} done in ${Date.now() - started} ms`);
      }
    });
  }

  async onApplicationShutdown() {
    this.isStopping = true;
    if (this.boss) await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
