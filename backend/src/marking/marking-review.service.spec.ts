import { DomainError } from '../common/domain-errors';
import type {
  AppendedMark,
  HistoryRow,
  MarkingReviewRepository,
  OwnMarkRow,
  SeniorQueueRow,
} from './marking-review.repository';
import { MarkingReviewService } from './marking-review.service';
import { FakeMarkingTasks, fakeTask, TX } from './testing/fake-marking-tasks';

/** A hand-written stand-in of MarkingReviewRepository over the fake task store. */
class FakeReviews {
  historyRows: HistoryRow[] = [];
  seniorRows: SeniorQueueRow[] = [];
  readonly appended: { taskId: string; userId: string; mark: AppendedMark; inTx: boolean }[] = [];
  constructor(private readonly tasks: FakeMarkingTasks) {}

  async history() {
    return this.historyRows;
  }

  private own(userId: string, taskId: string) {
    const reads = this.tasks.tasks.get(taskId)?.reads ?? [];
    const i = reads
      .map((r, n) => ({ r, n }))
      .filter(({ r }) => r.markerId === userId && r.kind !== 'problem' && r.kind !== 'arbitration');
    return i.length ? i[i.length - 1] : null;
  }

  async ownMark(userId: string, taskId: string): Promise<OwnMarkRow | null> {
    const found = this.own(userId, taskId);
    return (
      found && {
        appliedItems: [],
        points: found.r.points,
        adjustment: 0,
        comment: null,
        kind: found.r.kind,
        at: 'then',
      }
    );
  }

  async ownMarkId(userId: string, taskId: string) {
    const found = this.own(userId, taskId);
    return found && { id: `m${found.n}`, kind: found.r.kind };
  }

  async lockTask(taskId: string) {
    const t = this.tasks.tasks.get(taskId);
    this.tasks.calls.push('lockTask');
    return t ? { id: t.id, questionId: t.questionId, state: t.state, type: t.type } : null;
  }

  async appendMark(taskId: string, userId: string, mark: AppendedMark, m: unknown) {
    this.tasks.calls.push(`append:${mark.kind}`);
    this.appended.push({ taskId, userId, mark, inTx: m === TX });
    this.tasks.tasks
      .get(taskId)!
      .reads.push({ markerId: userId, kind: mark.kind, points: mark.points });
  }

  async seniorQueue() {
    return this.seniorRows;
  }
}

function setup() {
  const tasks = new FakeMarkingTasks();
  const reviews = new FakeReviews(tasks);
  return {
    tasks,
    reviews,
    service: new MarkingReviewService(
      tasks.asRepository(),
      reviews as unknown as MarkingReviewRepository,
    ),
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('MarkingReviewService: a teacher corrects a mark (回评)', () => {
  it('opens only an answer I marked, blind, with my latest mark to start from', async () => {
    const { tasks, service } = setup();
    tasks.add(
      fakeTask({
        answerText: '答：4<|im_end|>',
        reads: [{ markerId: 'alice', kind: 'first', points: 6 }],
      }),
    );
    expect(await refusal(service.myTask('bob', 't1'))).toMatchObject({ status: 404 });
    const mine = await service.myTask('alice', 't1');
    expect(mine).toMatchObject({
      taskId: 't1',
      answer: { text: '答：4' },
      previous: { points: 6 },
    });
    expect(mine.previous).not.toHaveProperty('kind');
  });

  it('appends a review superseding my mark, and the answer resolves again from every read', async () => {
    const { tasks, reviews, service } = setup();
    const t = tasks.add(
      fakeTask({
        mode: 'double',
        tolerance: 1,
        state: 'needs_third',
        reads: [
          { markerId: 'alice', kind: 'first', points: 3 },
          { markerId: 'bob', kind: 'second', points: 8 },
        ],
      }),
    );
    expect(await refusal(service.review('alice', 'nope', { score: 7 }))).toMatchObject({
      status: 404,
    });
    expect(await refusal(service.review('carol', 't1', { score: 7 }))).toMatchObject({
      status: 404,
      message: 'you have not marked this answer',
    });
    expect(await refusal(service.review('alice', 't1', { score: 12 }))).toMatchObject({
      status: 422,
    });
    expect(reviews.appended).toEqual([]);
    expect(await service.review('alice', 't1', { score: 7.5, comment: '看漏了第二步' })).toEqual({
      taskId: 't1',
      state: 'done',
      finalScore: 7.75,
      points: 7.5,
    });
    expect(reviews.appended).toEqual([
      {
        taskId: 't1',
        userId: 'alice',
        inTx: true,
        mark: expect.objectContaining({
          kind: 'review',
          supersedesId: 'm0',
          comment: '看漏了第二步',
        }),
      },
    ]);
    expect(t.state).toBe('done');
    expect(tasks.calls.slice(-3)).toEqual(['lockTask', 'append:review', 'writeResolution']);
  });

  it('keeps a corrected calibration read a calibration read: the answer’s score does not move', async () => {
    const { tasks, reviews, service } = setup();
    const t = tasks.add(
      fakeTask({
        isCalibration: true,
        state: 'done',
        finalScore: 9,
        reads: [{ markerId: 'alice', kind: 'calibration', points: 2 }],
      }),
    );
    expect(await service.review('alice', 't1', { score: 4 })).toEqual({
      taskId: 't1',
      state: 'done',
      finalScore: 4,
      points: 4,
    });
    expect(reviews.appended[0].mark).toMatchObject({ kind: 'calibration', supersedesId: 'm0' });
    expect(tasks.calls).not.toContain('writeResolution');
    expect(t.finalScore).toBe(9);
  });

  it('lists my history newest first, at most `limit`, in the blind form', async () => {
    const { reviews, service } = setup();
    const row = (taskId: string, at: string, excerpt = 'x'): HistoryRow =>
      ({
        taskId,
        at,
        excerpt,
        questionId: 'q1',
        questionNumber: '1',
        paperTitle: 'p',
        kind: 'first',
        points: 1,
        state: 'done',
      }) as HistoryRow;
    reviews.historyRows = [
      row('a', '2026-01-01'),
      row('b', '2026-01-03', '答案为 4</s>'),
      row('c', '2026-01-02'),
    ];
    const rows = await service.history('alice', 2);
    expect(rows.map((r) => r.taskId)).toEqual(['b', 'c']);
    expect(rows[0].excerpt).toBe('答案为 4');
  });
});

describe('MarkingReviewService: the seniors’ desk', () => {
  it('arbitrates only an answer that waits for it; the arbitration is final', async () => {
    const { tasks, reviews, service } = setup();
    tasks.add(fakeTask({ state: 'done' }));
    expect(await refusal(service.arbitrate('senior', 't1', { score: 5 }))).toMatchObject({
      status: 409,
    });
    expect(reviews.appended).toEqual([]);
    const reads = [
      { markerId: 'a', kind: 'first' as const, points: 1 },
      { markerId: 'b', kind: 'second' as const, points: 9 },
      { markerId: 'c', kind: 'third' as const, points: 5 },
    ];
    tasks.add(
      fakeTask({ id: 't2', state: 'needs_arbitration', mode: 'double', tolerance: 1, reads }),
    );
    expect(await service.arbitrate('senior', 't2', { score: 6 })).toEqual({
      taskId: 't2',
      state: 'done',
      finalScore: 6,
      points: 6,
    });
    expect(reviews.appended[0].mark).toMatchObject({
      kind: 'arbitration',
      supersedesId: null,
      points: 6,
    });
  });

  it('refuses a part score for a single choice even from a senior', async () => {
    const { tasks, service } = setup();
    tasks.add(fakeTask({ state: 'problem', type: 'true_false' }));
    expect(await refusal(service.arbitrate('senior', 't1', { score: 3 }))).toMatchObject({
      code: 'marking.all_or_nothing',
    });
  });

  it('shows every answer on the desk in its blind form', async () => {
    const { reviews, service } = setup();
    reviews.seniorRows = [
      { taskId: 't1', answerText: '<think>hmm</think>\n\n故选 B。' } as SeniorQueueRow,
    ];
    expect((await service.seniorQueue())[0].answerText).toBe('故选 B。');
  });
});
