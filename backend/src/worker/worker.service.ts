import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { RunnerService } from '../collection/runner.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GradingService } from '../grading/grading.service';
import { JobsService } from '../jobs/jobs.service';
import { Pipeline } from '../jobs/pipeline';
import { ANSWERS_STORED, MARKING_TASKS_DUE } from '../jobs/queues';
import { MarkingService } from '../marking/marking.service';
import { MarkingDueRepository } from './marking-due.repository';

/** How often a worker looks for answers to grade and tasks to create (what a signal did not already bring). */
const SWEEP_MS = 1000;

/**
 * The one place the pipeline's schedules start: the collection runner's loop, the grading sweep
 * and the marking-task sync, in a worker process (COLLECTION_WORKER=true, the default: the same
 * process as the API; false: an API-only process beside separate workers). It also implements
 * the Pipeline the stages signal and settle through (jobs/pipeline.ts), in every process.
 *
 * Marking tasks come from a queue, never from grading's transactions: grading appends grades and
 * sends MARKING_TASKS_DUE; this worker takes the job and creates the tasks (subjective answers,
 * and answers whose latest grade is unparsed) in transactions of its own. The schedule repeats
 * the sync, for answers the runner stored (subjective ones are never graded) and for a signal
 * lost to a crash between the grades' commit and the send: the tasks are found from the data.
 */
@Injectable()
export class WorkerService
  extends Pipeline
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(WorkerService.name);
  private starting: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private isStopping = false;
  private sweeping: Promise<void> | null = null;
  private isSweepRequested = false;
  /** Marking syncs in this process, one after another (each one's anti-joins see the one before). */
  private markingChain: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: RunnerService,
    private readonly grading: GradingService,
    private readonly marking: MarkingService,
    private readonly jobs: JobsService,
    private readonly due: MarkingDueRepository,
  ) {
    super();
  }

  get isWorker(): boolean {
    return this.config.collection.isWorker;
  }

  async onApplicationBootstrap() {
    if (this.isWorker) await this.start();
  }

  /** Starts the schedules in this process. Idempotent; a test starts them in a process that is not a worker. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.runner.startLoop();
      await this.jobs.work(MARKING_TASKS_DUE, async () => void (await this.syncMarking()));
      await this.jobs.work(ANSWERS_STORED, async () => this.sweep());
      this.timers.push(setInterval(() => this.sweep(), SWEEP_MS));
      this.timers.push(
        setInterval(
          () => void this.syncMarking().catch((e) => this.failed('marking sync', e)),
          SWEEP_MS,
        ),
      );
      this.sweep();
    })();
    return this.starting;
  }

  /**
   * The worker's part of shutdown: the runner's requests finish and its items go back (its own
   * drain), the schedules stop, and a sweep under way ends before the database closes.
   */
  async stop(): Promise<void> {
    this.isStopping = true;
    this.timers.forEach(clearInterval);
    await Promise.all([
      this.runner.stopLoop(),
      this.sweeping,
      this.markingChain.catch(() => undefined),
    ]);
  }

  async beforeApplicationShutdown() {
    await this.stop();
  }

  async answersStored(): Promise<void> {
    await this.jobs
      .send(ANSWERS_STORED, { id: 'answers' })
      .catch((e) => this.failed('answers-stored signal', e));
  }

  async settle(): Promise<{ graded: number; changed: number; queued: number }> {
    const { graded, changed } = await this.grading.catchUp({ wait: true });
    const queued = await this.syncMarking();
    return { graded, changed, queued };
  }

  /** Creates the marking tasks that are due: answers graded unparsed first (as grading used to), then subjective answers. */
  syncMarking(): Promise<number> {
    const run = this.markingChain
      .catch(() => undefined)
      .then(async () => {
        const units = await this.due.unparsedWithoutTask();
        const unparsed = units.length
          ? await this.due.transaction((m) => this.marking.queueUnparsed(m, units))
          : 0;
        return unparsed + (await this.marking.syncTasks());
      });
    this.markingChain = run;
    return run;
  }

  /** One grading sweep at a time; a request during one runs another after it. */
  private sweep(): void {
    if (this.isStopping) return;
    if (this.sweeping) {
      this.isSweepRequested = true;
      return;
    }
    this.sweeping = this.grading
      .catchUp()
      .then(
        () => undefined,
        (e) => this.failed('grading sweep', e),
      )
      .finally(() => {
        this.sweeping = null;
        if (this.isSweepRequested) {
          this.isSweepRequested = false;
          this.sweep();
        }
      });
  }

  private failed(what: string, e: unknown) {
    if (!this.isStopping) this.logger.error(`${what} failed: ${(e as Error).message}`);
  }
}
