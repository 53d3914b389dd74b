import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import type { AppConfig } from '../config/app-config';
import type {
  AnswerGroupsRepository,
  GroupContext,
  GroupMarkRow,
  LockedMember,
} from './answer-groups.repository';
import { AnswerGroupsService } from './answer-groups.service';
import type { GroupCandidate } from './domain/answer-groups';
import { LEASE_SECONDS } from './marking.types';
import { SCORE_RUBRIC, TX } from './testing/fake-marking-tasks';

/** The decisions of AnswerGroupsService against hand-written fakes: what it leases, refuses, writes, returns. */

const HEAD = {
  taskId: '1',
  leaseToken: 'tok',
  leaseExpiresAt: '2026-12-01T00:00:00Z',
  question: {
    id: 'q1',
    number: '1',
    type: 'short_answer',
    points: 10,
    stem: 's',
    referenceAnswer: null,
  },
  rubric: { ...SCORE_RUBRIC, graderNotes: null },
  answer: { text: 'x=2<eoa>' },
  samples: [],
  readNumber: 1,
};

const member = (over: Partial<LockedMember> = {}): LockedMember => ({
  id: '1',
  leaseHolder: 'alice',
  leaseToken: 'tok',
  isLeaseLive: true,
  isCalibration: false,
  reads: [],
  ...over,
});

class Fakes {
  calls: string[] = [];
  assigned = true;
  myToken: string | null = null;
  calibration: string | null = null;
  candidates: GroupCandidate[] = [];
  /** Task-id lists whose lease fails (another teacher took one of them first). */
  taken = new Set<string>();
  views = new Map<string, { head: object; members: { taskId: string; text: string }[] }>();
  leaseQuestion: string | null = 'q1';
  context: GroupContext | null = {
    questionId: 'q1',
    type: 'short_answer',
    isAssigned: true,
    rubricId: 'r1',
    rubric: SCORE_RUBRIC,
    mode: 'single',
    tolerance: 0,
  };
  members: LockedMember[] = [member({ id: '1' }), member({ id: '2' })];
  appended: { mark: object; rows: GroupMarkRow[]; inTx: boolean }[] = [];

  db = {
    transaction: async <T>(work: (m: unknown) => Promise<T>) => {
      this.calls.push('begin');
      try {
        const r = await work(TX);
        this.calls.push('commit');
        return r;
      } catch (e) {
        this.calls.push('rollback');
        throw e;
      }
    },
  };
  repo = {
    isAssigned: async () => this.assigned,
    myLeaseToken: async () => this.myToken,
    calibrationCandidate: async () => this.calibration,
    candidates: async () => this.candidates,
    questionType: async () => 'short_answer',
    lease: async (userId: string, questionId: string, ids: string[], seconds: number) => {
      this.calls.push(`lease ${ids.join(',')} ${seconds}`);
      return this.taken.has(ids.join(',')) ? null : `tok:${ids.join(',')}`;
    },
    view: async (_userId: string, token: string) => this.views.get(token) ?? null,
    questionOfLease: async (m: unknown, userId: string, token: string) => {
      this.calls.push(`questionOfLease ${userId} ${token} ${m === TX}`);
      return this.leaseQuestion;
    },
    context: async (m: unknown) => {
      this.calls.push(`context ${m === TX}`);
      return this.context;
    },
    lockMembers: async (m: unknown, questionId: string, ids: string[], token: string) => {
      this.calls.push(`lockMembers ${questionId} [${ids.join(',')}] ${token} ${m === TX}`);
      return this.members;
    },
    appendMarks: async (
      m: unknown,
      _userId: string,
      _token: string,
      mark: object,
      rows: GroupMarkRow[],
    ) => {
      this.calls.push('appendMarks');
      this.appended.push({ mark, rows, inTx: m === TX });
    },
    releaseLease: async (userId: string, token: string) => {
      this.calls.push(`releaseLease ${userId} ${token}`);
      return 3;
    },
    split: async (m: unknown, userId: string, taskId: string) => {
      this.calls.push(`split ${userId} ${taskId} ${m === TX}`);
    },
    skip: async (m: unknown, userId: string, ids: string[]) => {
      this.calls.push(`skip ${userId} [${ids.join(',')}] ${m === TX}`);
    },
  };

  service(calibrationPercent = 0) {
    return new AnswerGroupsService(
      this.db as unknown as DataSource,
      this.repo as unknown as AnswerGroupsRepository,
      { markingCalibrationPercent: calibrationPercent } as AppConfig,
    );
  }

  candidate(taskId: string, text: string): void {
    this.candidates.push({ taskId, text, isUnparsed: false, readNumber: 1 });
  }

  view(token: string, texts: Record<string, string>): void {
    this.views.set(token, {
      head: HEAD,
      members: Object.entries(texts).map(([taskId, text]) => ({ taskId, text })),
    });
  }
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, code: e.code };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('AnswerGroupsService.next', () => {
  it('refuses a teacher not assigned to the question, and leases nothing', async () => {
    const f = new Fakes();
    f.assigned = false;
    f.candidate('1', 'x=2');
    expect(await refusal(f.service(100).next('bob', 'q1'))).toEqual({
      status: 404,
      code: 'marking.not_assigned',
    });
    expect(f.calls).toEqual([]);
  });

  it('leases the largest group first and shows it blind: the most common marker form, size, members', async () => {
    const f = new Fakes();
    f.candidate('1', 'y=3');
    f.candidate('2', 'x=2');
    f.candidate('3', 'x=2<eoa>');
    f.view('tok:2,3', { '2': 'x=2', '3': 'x=2<eoa>' });
    const group = await f.service().next('alice', 'q1');
    expect(f.calls).toEqual([`lease 2,3 ${LEASE_SECONDS}`]);
    expect(group).toMatchObject({
      leaseToken: 'tok',
      answer: { text: 'x=2' },
      size: 2,
      members: [
        { taskId: '2', text: 'x=2' },
        { taskId: '3', text: 'x=2' },
      ],
    });
    // The group is not one answer: no task id at its head.
    expect(group).not.toHaveProperty('taskId');
  });

  it('tries the next group when another teacher claimed one, at most five, then gives null', async () => {
    const f = new Fakes();
    for (let i = 1; i <= 7; i++) {
      f.candidate(String(i), `a${i}`);
      f.taken.add(String(i));
    }
    expect(await f.service().next('alice', 'q1')).toBeNull();
    expect(f.calls).toHaveLength(5);
    f.taken.delete('2');
    f.view('tok:2', { '2': 'a2' });
    expect(await f.service().next('alice', 'q1')).toMatchObject({ size: 1 });
  });

  it('on resume, shows the group already leased to the teacher without leasing another', async () => {
    const f = new Fakes();
    f.myToken = 'held';
    f.view('held', { '5': 'z' });
    f.candidate('1', 'x');
    expect(await f.service().next('alice', 'q1', true)).toMatchObject({ size: 1 });
    expect(f.calls).toEqual([]);
    // A held lease that ran out: the ordinary queue.
    f.views.clear();
    f.view('tok:1', { '1': 'x' });
    expect(await f.service().next('alice', 'q1', true)).toMatchObject({
      members: [{ taskId: '1' }],
    });
  });

  it('samples a calibration item as a group of one at the configured rate, else the ordinary groups', async () => {
    const f = new Fakes();
    f.calibration = 'cal';
    f.view('tok:cal', { cal: 'x=2' });
    f.candidate('1', 'x=2');
    expect(await f.service(100).next('alice', 'q1')).toMatchObject({
      size: 1,
      members: [{ taskId: 'cal' }],
    });
    expect(f.calls).toEqual([`lease cal ${LEASE_SECONDS}`]);
    f.calls.length = 0;
    f.calibration = null;
    f.view('tok:1', { '1': 'x=2' });
    expect(await f.service(100).next('alice', 'q1')).toMatchObject({ members: [{ taskId: '1' }] });
    expect(f.calls).toEqual([`lease 1 ${LEASE_SECONDS}`]);
  });
});

describe('AnswerGroupsService.submit', () => {
  const body = { leaseToken: 'tok', taskIds: ['1', '2'], score: 6 };

  it('refuses a token no longer leased to the teacher: 409, nothing saved', async () => {
    const f = new Fakes();
    f.leaseQuestion = null;
    expect(await refusal(f.service().submit('alice', body))).toEqual({
      status: 409,
      code: 'marking.lease_lost',
    });
    expect(f.calls).toEqual(['begin', 'questionOfLease alice tok true', 'rollback']);
  });

  it('refuses a teacher no longer assigned', async () => {
    const f = new Fakes();
    f.context = { ...f.context!, isAssigned: false };
    expect(await refusal(f.service().submit('alice', body))).toEqual({
      status: 404,
      code: 'marking.not_assigned',
    });
  });

  it('refuses a mark the rubric does not admit (422), and a partial score of an all-or-nothing question', async () => {
    const f = new Fakes();
    expect((await refusal(f.service().submit('alice', { ...body, score: 11 }))).status).toBe(422);
    f.context = { ...f.context!, type: 'single_choice' };
    expect(await refusal(f.service().submit('alice', body))).toEqual({
      status: 422,
      code: 'marking.all_or_nothing',
    });
    expect(f.calls.some((c) => c.startsWith('lockMembers'))).toBe(false);
  });

  it('refuses a group that is not what the teacher was shown: 409 and no marks', async () => {
    const cases: LockedMember[][] = [
      [member({ id: '1' })],
      [member({ id: '1' }), member({ id: '2', leaseHolder: 'bob' })],
      [member({ id: '1' }), member({ id: '2', leaseToken: 'other' })],
      [member({ id: '1' }), member({ id: '2', isLeaseLive: false })],
      [member({ id: '1' }), member({ id: '2' }), member({ id: '3' })],
      [member({ id: '1' }), member({ id: '9' })],
    ];
    for (const members of cases) {
      const f = new Fakes();
      f.members = members;
      expect(await refusal(f.service().submit('alice', body))).toEqual({
        status: 409,
        code: 'marking.lease_lost',
      });
      expect(f.appended).toEqual([]);
      expect(f.calls.at(-1)).toBe('rollback');
    }
  });

  it('appends one mark per answer in one transaction, each with its own read kind and resolution', async () => {
    const f = new Fakes();
    f.context = { ...f.context!, mode: 'double', tolerance: 1 };
    f.members = [
      member({ id: '1' }),
      member({ id: '2', reads: [{ markerId: 'bob', kind: 'first', points: 5 }] }),
      member({ id: '3', isCalibration: true }),
    ];
    const r = await f.service().submit('alice', {
      ...body,
      taskIds: ['1', '2', '3'],
      secondsSpent: 10,
    });
    expect(f.calls).toEqual([
      'begin',
      'questionOfLease alice tok true',
      'context true',
      'lockMembers q1 [1,2,3] tok true',
      'appendMarks',
      'commit',
    ]);
    const [{ mark, rows, inTx }] = f.appended;
    expect(inTx).toBe(true);
    // The time spent shared out, to a tenth of a second; defaults for what the body left out.
    expect(mark).toEqual({
      rubricId: 'r1',
      appliedItems: [],
      adjustment: 0,
      comment: null,
      points: 6,
      secondsEach: 3.3,
    });
    expect(rows.map((x) => [x.taskId, x.kind, x.resolution?.state ?? null])).toEqual([
      ['1', 'first', 'open'],
      ['2', 'second', 'done'],
      ['3', 'calibration', null],
    ]);
    expect(rows[1].resolution?.finalScore).toBe(5.5);
    // A calibration item answers as a first read would: nothing gives the check away.
    expect(r).toEqual({
      marked: 3,
      points: 6,
      results: [
        { taskId: '1', state: 'open', finalScore: null },
        { taskId: '2', state: 'done', finalScore: 5.5 },
        { taskId: '3', state: 'open', finalScore: null },
      ],
    });
  });

  it('leaves the time per mark unknown when the body gives none', async () => {
    const f = new Fakes();
    await f.service().submit('alice', body);
    expect(f.appended[0].mark).toMatchObject({ secondsEach: null });
  });
});

describe('AnswerGroupsService split, release, skip', () => {
  it('splits one answer of my group off, in a transaction', async () => {
    const f = new Fakes();
    f.members = [member({ id: '2' })];
    expect(await f.service().split('alice', 'tok', '2')).toEqual({ taskId: '2', split: true });
    expect(f.calls).toEqual([
      'begin',
      'questionOfLease alice tok true',
      'lockMembers q1 [2] tok true',
      'split alice 2 true',
      'commit',
    ]);
  });

  it('refuses to split an answer that is not leased to me under that token', async () => {
    for (const members of [
      [],
      [member({ id: '2', leaseHolder: 'bob' })],
      [member({ id: '2', leaseToken: 'x' })],
    ]) {
      const f = new Fakes();
      f.members = members;
      expect(await refusal(f.service().split('alice', 'tok', '2'))).toEqual({
        status: 409,
        code: 'marking.lease_lost',
      });
      expect(f.calls.some((c) => c.startsWith('split'))).toBe(false);
    }
    const f = new Fakes();
    f.leaseQuestion = null;
    expect((await refusal(f.service().split('alice', 'tok', '2'))).code).toBe('marking.lease_lost');
  });

  it('releases a lease and says how many answers went back', async () => {
    const f = new Fakes();
    expect(await f.service().release('alice', 'tok')).toEqual({ released: 3 });
    expect(f.calls).toEqual(['releaseLease alice tok']);
  });

  it('skips only the answers under the token that are leased to me', async () => {
    const f = new Fakes();
    f.members = [member({ id: '1' }), member({ id: '2', leaseHolder: 'bob' }), member({ id: '3' })];
    expect(await f.service().skip('alice', 'tok')).toEqual({ skipped: 2 });
    expect(f.calls).toEqual([
      'begin',
      'questionOfLease alice tok true',
      'lockMembers q1 [] tok true',
      'skip alice [1,3] true',
      'commit',
    ]);
    const g = new Fakes();
    g.leaseQuestion = null;
    expect((await refusal(g.service().skip('alice', 'tok'))).status).toBe(409);
  });
});
