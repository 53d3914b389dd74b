import { AuditService } from '../audit/audit.service';
import { JobsService } from '../jobs/jobs.service';
import { MARKING_TASKS_DUE } from '../jobs/queues';
import { GRADER_VERSION } from './domain/types';
import { GradingRepository } from './grading.repository';
import { GradingService } from './grading.service';
import { LlmExtractor } from './llm-extractor';
import { choiceQuestion, FakeGradingRepository } from './testing/fake-grading.repository';

const answer = (id: string, text: string | null, outcome = 'answered', questionId = 'q1') => ({
  id,
  questionId,
  outcome,
  text,
  finishReason: null,
});

describe('GradingService (fake repository)', () => {
  let repo: FakeGradingRepository;
  let sent: { queue: string; data: unknown }[];
  let audited: { action: string }[];
  let service: GradingService;

  beforeEach(() => {
    repo = new FakeGradingRepository();
    repo.questions = [choiceQuestion('q1')];
    repo.doneVersions.add(GRADER_VERSION);
    sent = [];
    audited = [];
    const jobs = {
      send: async (queue: string, data: unknown) => void sent.push({ queue, data }),
    } as unknown as JobsService;
    const audit = {
      record: async (_a: unknown, r: { action: string }) => void audited.push(r),
    } as unknown as AuditService;
    const extractor = { isEnabled: false } as LlmExtractor;
    service = new GradingService(repo as unknown as GradingRepository, audit, extractor, jobs);
  });

  it('grades every queued answer by the rules, dequeues it in the statement that appends its grade, and signals that marking tasks are due', async () => {
    repo.queue = [
      answer('r1', '【答案】C'),
      answer('r2', '【答案】A'),
      answer('r3', '我不知道'),
      answer('r4', null, 'error'),
    ];
    expect(await service.catchUp()).toEqual({ graded: 4, changed: 0 });
    const grades = repo.writes.filter((w) => w.op === 'grades');
    expect(grades).toHaveLength(1);
    expect(grades[0].dequeue).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(grades[0].rows!.map((r) => [r.responseId, r.status, r.score])).toEqual([
      ['r1', 'correct', 5],
      ['r2', 'wrong', 0],
      ['r3', 'unparsed', null],
      // no answer at all is never wrong: not scored, with the outcome as its method
      ['r4', 'not_scored', null],
    ]);
    expect(grades[0].rows![3]).toMatchObject({
      method: 'outcome:error',
      reason: { code: 'not-scored.no-answer' },
    });
    expect(repo.queue).toEqual([]);
    // Grading writes grades only: the unparsed answer reaches teachers through the queue.
    expect(sent).toEqual([{ queue: MARKING_TASKS_DUE, data: { id: 'grading' } }]);
  });

  it('leaves the queue to the process already grading (no wait), or waits for it when asked', async () => {
    repo.queue = [answer('r1', '【答案】C')];
    repo.isLockedElsewhere = true;
    expect(await service.catchUp()).toEqual({ graded: 0, changed: 0 });
    expect(repo.writes).toEqual([]);
    expect(sent).toEqual([]);
    expect(await service.catchUp({ wait: true })).toEqual({ graded: 1, changed: 0 });
    expect(repo.lockCalls).toEqual([false, true]);
  });

  it('sends nothing when there was nothing to grade', async () => {
    expect(await service.catchUp()).toEqual({ graded: 0, changed: 0 });
    expect(sent).toEqual([]);
  });

  it('re-grades what an older grader graded once per grader version, then remembers the version', async () => {
    repo.doneVersions.clear();
    repo.hasOther = true;
    repo.latest = [
      {
        ...answer('r1', '【答案】C'),
        paperVersionId: 'pv-1',
        model: 'm',
        grades: [
          {
            questionId: 'q1',
            number: '1',
            score: 0,
            status: 'wrong',
            extracted: 'A',
            method: 'tag',
            maxScore: 5,
            graderVersion: 'old',
          },
        ],
      },
    ];
    expect(await service.catchUp()).toEqual({ graded: 0, changed: 1 });
    expect(repo.writes.map((w) => w.op)).toEqual(['lock', 'grades', 'version']);
    expect(sent).toHaveLength(1);
    // The second catch-up knows the version is done: no scan, nothing appended.
    expect(await service.catchUp()).toEqual({ graded: 0, changed: 0 });
    expect(repo.writes).toHaveLength(3);
  });

  it('re-grades under the grading lock, appends only what changed (or an older grader gave), reports the changes and audits', async () => {
    const graded = (
      id: string,
      status: string,
      score: number | null,
      extracted: unknown,
      graderVersion = GRADER_VERSION,
    ) => ({
      ...answer(id, `【答案】${extracted}`),
      paperVersionId: 'pv-1',
      model: 'model-x',
      grades: [
        {
          questionId: 'q1',
          number: '1',
          score,
          status,
          extracted,
          method: 'tag',
          maxScore: 5,
          graderVersion,
        },
      ],
    });
    repo.latest = [
      graded('same', 'correct', 5, 'C'),
      graded('older', 'correct', 5, 'C', 'older'),
      // stored as wrong, the key says right: a change
      graded('changed', 'wrong', 0, 'C'),
    ];
    const actor = { id: 'u1', name: 'admin' };
    const { checked, changes } = await service.regrade({ runId: 'run-1' }, actor);
    expect(checked).toBe(3);
    expect(changes).toEqual([
      {
        responseId: 'changed',
        questionId: 'q1',
        questionNumber: '1',
        model: 'model-x',
        old: { score: 0, status: 'wrong', extracted: 'C' },
        new: { score: 5, status: 'correct', extracted: 'C' },
      },
    ]);
    const [lock, grades] = repo.writes;
    expect(lock.op).toBe('lock');
    // same transaction for the lock and the appended rows
    expect(grades.tx).toBe(lock.tx);
    expect(grades.rows!.map((r) => r.responseId)).toEqual(['older', 'changed']);
    expect(grades.dequeue).toEqual([]);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'regrade',
        entityType: 'run',
        after: { checked: 3, changed: 1 },
      }),
    ]);
    expect(sent).toEqual([{ queue: MARKING_TASKS_DUE, data: { id: 'grading' } }]);
  });

  it('a re-grade that finds nothing new appends nothing and signals nothing', async () => {
    repo.latest = [];
    expect(await service.regrade({ questionIds: ['q1'] }, { id: 'u1', name: 'admin' })).toEqual({
      checked: 0,
      changes: [],
    });
    expect(repo.writes.filter((w) => w.op === 'grades')).toEqual([]);
    expect(sent).toEqual([]);
  });
});
