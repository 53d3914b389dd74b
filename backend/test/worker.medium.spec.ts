import { parseAnswersJsonl } from '../src/collection/answers-import';
import { AnswersImportService } from '../src/collection/answers-import.service';
import { GradingService } from '../src/grading/grading.service';
import { MARKING_TASKS_DUE } from '../src/jobs/queues';
import { WorkerService } from '../src/worker/worker.service';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { startTestApp, TestApp } from './test-app';

const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

/**
 * Grading and marking meet only through the queue: grading appends grades and sends a job; the
 * worker takes it and creates the marking tasks, in its own transactions.
 */
describe('the worker', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Not a worker process: nothing runs until the spec starts the worker's schedules itself.
    t = await startTestApp({ collection: COLLECTION });
    await t.truncateAll();
    await t.reset();
    await t.db
      .query(`DELETE FROM pgboss.job WHERE name = $1`, [MARKING_TASKS_DUE])
      .catch(() => undefined);
  });
  afterAll(() => t.close());

  it('creates marking tasks from the queue after grading, and grading itself writes none', async () => {
    const http = await t.as(['author', 'researcher']);
    expect(
      (await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')).status,
    ).toBeLessThan(300);
    const text = Object.entries({ '1': '这道题我不会。', '2': '【答案】B', '7': 'x=3' })
      .map(([question, response]) =>
        JSON.stringify({ paper: 'test-mini-paper', model: 'harness', question, response }),
      )
      .join('\n');
    const { lines, errors } = parseAnswersJsonl('answers.jsonl', Buffer.from(text));
    // The importer only stores the answers (and signals a worker, of which there is none yet).
    const { runId } = await t.app.get(AnswersImportService).import(
      'answers.jsonl',
      lines,
      errors,
      { name: 'w', skipUnknown: false },
      {
        id: null,
        name: 'test',
      },
    );
    expect(await t.count('auto_grades')).toBe(0);

    expect(await t.app.get(GradingService).catchUp()).toEqual({ graded: 2, changed: 0 });
    const grades = await t.db.query(
      `SELECT q.number, g.status FROM auto_grades g JOIN questions q ON q.id = g.question_id ORDER BY q.number`,
    );
    expect(grades).toEqual([
      { number: '1', status: 'unparsed' },
      { number: '2', status: 'partial' },
    ]);
    // Grading committed its grades and wrote no marking task, not even for the unparsed answer...
    expect(await t.count('marking_tasks')).toBe(0);
    // ...it queued a job saying that tasks are due.
    const jobs = () =>
      t.db.query(`SELECT state FROM pgboss.job WHERE name = $1`, [MARKING_TASKS_DUE]);
    expect(await jobs()).toEqual([{ state: 'created' }]);

    // The worker starts, takes the job and creates the tasks: the unparsed answer and the subjective one.
    await t.app.get(WorkerService).start();
    const tasks = () =>
      t.db.query(
        `SELECT q.number FROM marking_tasks k JOIN questions q ON q.id = k.question_id JOIN responses r ON r.id = k.response_id
         WHERE r.run_id = $1 ORDER BY q.number`,
        [runId],
      );
    for (
      let i = 0;
      i < 100 && ((await jobs())[0]?.state !== 'completed' || (await tasks()).length < 2);
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    expect(await jobs()).toEqual([{ state: 'completed' }]);
    expect(await tasks()).toEqual([{ number: '1' }, { number: '7' }]);
    // Idempotent: the schedule's later syncs add nothing.
    await t.app.get(WorkerService).syncMarking();
    expect(await t.count('marking_tasks')).toBe(2);
  });
});
