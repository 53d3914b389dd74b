import type { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { MarkingService } from './marking.service';
import { FakeMarkingTasks, fakeTask, TX } from './testing/fake-marking-tasks';

const config = (markingCalibrationPercent = 0) => ({ markingCalibrationPercent }) as AppConfig;

function setup(calibrationPercent = 0) {
  const repo = new FakeMarkingTasks();
  return { repo, service: new MarkingService(repo.asRepository(), config(calibrationPercent)) };
}

/** The DomainError a call fails with (its status and code), or a failure if it does not fail. */
async function refusal(
  p: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('MarkingService: leasing', () => {
  it('refuses a teacher not assigned to the question, and leases nothing', async () => {
    const { repo, service } = setup();
    repo.add(fakeTask());
    repo.nextTaskId = 't1';
    expect(await refusal(service.next('bob', 'q1'))).toMatchObject({
      status: 404,
      code: 'marking.not_assigned',
    });
  });

  it('gives the next answer in its blind form (no end markers a model writes), or null when none is left', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    repo.add(fakeTask({ answerText: '【答案】x=2<eoa>' }));
    expect(await service.next('alice', 'q1')).toBeNull();
    repo.nextTaskId = 't1';
    const task = await service.next('alice', 'q1');
    expect(task).toMatchObject({ taskId: 't1', answer: { text: 'x=2' } });
  });

  it('samples a calibration item at the configured rate, checked for assignment first; without one, the ordinary queue', async () => {
    const { repo, service } = setup(100);
    expect(await refusal(service.next('alice', 'q1'))).toMatchObject({
      code: 'marking.not_assigned',
    });
    expect(repo.calls).not.toContain('claimCalibration');
    repo.assign('alice', 'q1');
    repo.add(
      fakeTask({ id: 'cal', isCalibration: true, state: 'done', answerText: '答案为 4</s>' }),
    );
    repo.add(fakeTask({ id: 't2' }));
    repo.calibrationId = 'cal';
    expect(await service.next('alice', 'q1')).toMatchObject({
      taskId: 'cal',
      answer: { text: '答案为 4' },
    });
    repo.calibrationId = null;
    repo.nextTaskId = 't2';
    expect(await service.next('alice', 'q1')).toMatchObject({ taskId: 't2' });
    expect(repo.calls.filter((c) => c.startsWith('claim'))).toEqual([
      'claimCalibration',
      'claimCalibration',
      'claimNext',
    ]);
  });

  it('gives back the answer already leased to me (a reload), blind, or null', async () => {
    const { repo, service } = setup();
    repo.add(fakeTask({ answerText: '略<eoe>' }));
    expect(await service.myLease('alice', 'q1')).toBeNull();
    repo.leasedId = 't1';
    expect(await service.myLease('alice', 'q1')).toMatchObject({
      taskId: 't1',
      answer: { text: '略' },
    });
  });

  it('queues nothing for an empty list of unread answers, without a statement', async () => {
    const { repo, service } = setup();
    expect(await service.queueUnparsed(TX, [])).toBe(0);
    expect(repo.calls).toEqual([]);
    expect(await service.queueUnparsed(TX, [{ responseId: 'r', questionId: 'q' }])).toBe(1);
    expect(await service.syncTasks()).toBe(3);
  });
});

describe('MarkingService: a mark', () => {
  it('refuses an answer that does not exist, a question not mine, and a lease I no longer hold, writing nothing', async () => {
    const { repo, service } = setup();
    repo.add(fakeTask());
    expect(
      await refusal(service.submit('alice', 'nope', { leaseToken: 'tok', score: 5 })),
    ).toMatchObject({ status: 404 });
    expect(
      await refusal(service.submit('alice', 't1', { leaseToken: 'tok', score: 5 })),
    ).toMatchObject({ code: 'marking.not_assigned' });
    repo.assign('alice', 'q1');
    expect(
      await refusal(service.submit('alice', 't1', { leaseToken: 'other', score: 5 })),
    ).toMatchObject({
      status: 409,
      code: 'marking.lease_lost',
    });
    repo.tasks.get('t1')!.isLeaseLive = false;
    expect(
      await refusal(service.submit('alice', 't1', { leaseToken: 'tok', score: 5 })),
    ).toMatchObject({ code: 'marking.lease_lost' });
    repo.assign('bob', 'q1');
    Object.assign(repo.tasks.get('t1')!, { isLeaseLive: true });
    expect(
      await refusal(service.submit('bob', 't1', { leaseToken: 'tok', score: 5 })),
    ).toMatchObject({ code: 'marking.lease_lost' });
    expect(repo.marks).toEqual([]);
  });

  it('refuses points the rubric does not allow, and a part score for a single choice', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    repo.add(fakeTask());
    expect(
      await refusal(service.submit('alice', 't1', { leaseToken: 'tok', score: 11 })),
    ).toMatchObject({ status: 422 });
    repo.tasks.get('t1')!.type = 'single_choice';
    expect(
      await refusal(service.submit('alice', 't1', { leaseToken: 'tok', score: 4 })),
    ).toMatchObject({
      status: 422,
      code: 'marking.all_or_nothing',
    });
    expect(repo.marks).toEqual([]);
    expect(await service.submit('alice', 't1', { leaseToken: 'tok', score: 10 })).toEqual({
      taskId: 't1',
      state: 'done',
      finalScore: 10,
      points: 10,
    });
  });

  it('runs 2+1+1: two reads beyond tolerance send the answer to a third; the third within tolerance of one settles it', async () => {
    const { repo, service } = setup();
    const t = repo.add(fakeTask({ mode: 'double', tolerance: 1 }));
    for (const u of ['alice', 'bob', 'carol']) repo.assign(u, 'q1');
    const mark = async (userId: string, score: number) => {
      Object.assign(t, { leaseHolder: userId, leaseToken: 'tok', isLeaseLive: true });
      return service.submit(userId, 't1', { leaseToken: 'tok', score, secondsSpent: 4 });
    };
    expect(await mark('alice', 6)).toMatchObject({ state: 'open', finalScore: null });
    expect(await mark('bob', 9)).toMatchObject({ state: 'needs_third', finalScore: null });
    expect(await mark('carol', 8)).toMatchObject({ state: 'done', finalScore: 8.5, points: 8 });
    expect(repo.marks.map((k) => (k.mark as { kind: string }).kind)).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect(repo.marks[0].mark).toMatchObject({
      rubricId: 'r1',
      points: 6,
      secondsSpent: 4,
      leaseToken: 'tok',
      appliedItems: [],
    });
  });

  it('reads the answer again when a write misses (it changed in between), and gives up after three tries', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    repo.add(fakeTask());
    repo.missWrites = 2;
    expect(await service.submit('alice', 't1', { leaseToken: 'tok', score: 3 })).toMatchObject({
      state: 'done',
      finalScore: 3,
    });
    expect(repo.calls.filter((c) => c === 'taskForMark')).toHaveLength(3);
    repo.add(fakeTask({ id: 't2' }));
    repo.missWrites = 3;
    expect(
      await refusal(service.submit('alice', 't2', { leaseToken: 'tok', score: 3 })),
    ).toMatchObject({ status: 409 });
  });

  it('keeps a calibration read apart (state untouched) and replies as a first read would, inside a transaction under lock', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    const t = repo.add(
      fakeTask({ isCalibration: true, state: 'done', finalScore: 7, mode: 'double', tolerance: 1 }),
    );
    expect(await service.submit('alice', 't1', { leaseToken: 'tok', score: 4 })).toEqual({
      taskId: 't1',
      state: 'open',
      finalScore: null,
      points: 4,
    });
    expect(t).toMatchObject({ state: 'done', finalScore: 7, leaseHolder: null });
    expect(repo.marks).toEqual([
      expect.objectContaining({
        inTx: true,
        mark: expect.objectContaining({ kind: 'calibration', points: 4 }),
      }),
    ]);
    expect(repo.calls).toEqual([
      'taskForMark',
      'transaction',
      'taskForMark:lock:tx',
      'appendCalibration',
    ]);
  });
});

describe('MarkingService: skip and problem', () => {
  it('skips only an answer I hold, under lock in one transaction', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    repo.add(fakeTask());
    expect(await refusal(service.skip('alice', 't1', 'stale'))).toMatchObject({
      code: 'marking.lease_lost',
    });
    expect(repo.skips).toEqual([]);
    expect(await service.skip('alice', 't1', 'tok')).toEqual({ taskId: 't1', skipped: true });
    expect(repo.skips).toEqual(['alice/t1']);
    expect(repo.calls.slice(-3)).toEqual(['transaction', 'taskForMark:lock:tx', 'skip:tx']);
  });

  it('sends a problem answer to the seniors: the report appended, then the state derived from every read', async () => {
    const { repo, service } = setup();
    repo.assign('alice', 'q1');
    const t = repo.add(
      fakeTask({
        mode: 'double',
        tolerance: 1,
        reads: [{ markerId: 'bob', kind: 'first', points: 5 }],
      }),
    );
    expect(await service.problem('alice', 't1', 'tok', '字迹无法辨认')).toEqual({
      taskId: 't1',
      state: 'problem',
      finalScore: null,
      points: null,
    });
    expect(repo.calls.slice(-3)).toEqual([
      'taskForMark:lock:tx',
      'appendProblem',
      'writeResolution',
    ]);
    expect(repo.marks[0]).toMatchObject({
      inTx: true,
      mark: { kind: 'problem', reason: '字迹无法辨认' },
    });
    expect(t.state).toBe('problem');
  });
});
