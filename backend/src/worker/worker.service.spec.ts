import { RunnerService } from '../collection/runner.service';
import { AppConfig } from '../config/app-config';
import { GradingService } from '../grading/grading.service';
import { JobsService } from '../jobs/jobs.service';
import { ANSWERS_STORED, MARKING_TASKS_DUE } from '../jobs/queues';
import { MarkingService } from '../marking/marking.service';
import { MarkingDueRepository } from './marking-due.repository';
import { WorkerService } from './worker.service';

describe('WorkerService (fakes)', () => {
  let log: string[];
  let worked: string[];
  let due: { responseId: string; questionId: string }[];

  const worker = (isWorker: boolean) => {
    const config = { collection: { isWorker } } as AppConfig;
    const runner = {
      startLoop: async () => void log.push('runner start'),
      stopLoop: async () => void log.push('runner stop'),
    } as RunnerService;
    const grading = {
      catchUp: async (o?: { wait?: boolean }) => {
        log.push(`catchUp ${JSON.stringify(o ?? {})}`);
        return { graded: 3, changed: 1 };
      },
    } as unknown as GradingService;
    const marking = {
      queueUnparsed: async (m: unknown, units: unknown[]) => {
        log.push(`queueUnparsed ${units.length} in ${JSON.stringify(m)}`);
        return units.length;
      },
      syncTasks: async () => {
        log.push('syncTasks');
        return 2;
      },
    } as unknown as MarkingService;
    const jobs = {
      work: async (queue: string) => void worked.push(queue),
    } as unknown as JobsService;
    const repo = {
      unparsedWithoutTask: async () => due,
      transaction: (fn: (m: unknown) => Promise<unknown>) => fn({ tx: 'marking' }),
    } as unknown as MarkingDueRepository;
    return new WorkerService(config, runner, grading, marking, jobs, repo);
  };

  beforeEach(() => {
    log = [];
    worked = [];
    due = [{ responseId: 'r1', questionId: 'q1' }];
  });

  it('settles: grades (waiting for another grader), then creates the due marking tasks, unparsed answers first, in its own transaction', async () => {
    expect(await worker(false).settle()).toEqual({ graded: 3, changed: 1, queued: 3 });
    expect(log).toEqual([
      'catchUp {"wait":true}',
      'queueUnparsed 1 in {"tx":"marking"}',
      'syncTasks',
    ]);
  });

  it('skips the unparsed step when no grade is waiting for a task', async () => {
    due = [];
    expect(await worker(false).syncMarking()).toBe(2);
    expect(log).toEqual(['syncTasks']);
  });

  it('starts the schedules only in a worker process: the runner loop, the marking queue, the sweep', async () => {
    const api = worker(false);
    await api.onApplicationBootstrap();
    expect(log).toEqual([]);
    expect(worked).toEqual([]);
    const w = worker(true);
    await w.onApplicationBootstrap();
    expect(log.slice(0, 2)).toEqual(['runner start', 'catchUp {}']);
    expect(worked).toEqual([MARKING_TASKS_DUE, ANSWERS_STORED]);
    await w.stop();
    expect(log).toContain('runner stop');
  });
});
