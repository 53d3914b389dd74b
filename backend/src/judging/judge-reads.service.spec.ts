import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { JudgeReadsRepository, JudgeVisibility } from './judge-reads.repository';
import { JudgeReadsService } from './judge-reads.service';

/** The decisions of JudgeReadsService against hand-written fakes: who may see a judge's read, and when. */

const TX = { tx: true };
const actor: AuditActor = { id: 'admin', name: 'admin' };
const teacher = { id: 'u1', roles: ['teacher'] };
const senior = { id: 'u2', roles: ['teacher', 'senior_teacher'] };

interface Gate {
  taskId: string;
  responseId: string;
  questionId: string;
  state: string;
  visibility: JudgeVisibility;
  hasOwnRead: boolean;
}

class Fakes {
  calls: string[] = [];
  gate: Gate | null = {
    taskId: '7',
    responseId: 'r1',
    questionId: 'q1',
    state: 'open',
    visibility: 'after_own_read',
    hasOwnRead: true,
  };
  judgements: object[] = [{ judge: 'judge 1', score: 3 }];
  questionVisibility: JudgeVisibility | null = 'hidden';

  repo = {
    gate: async (taskId: string, userId: string) => {
      this.calls.push(`gate ${taskId} ${userId}`);
      return this.gate;
    },
    latestForUnit: async (responseId: string, questionId: string) => {
      this.calls.push(`latestForUnit ${responseId} ${questionId}`);
      return this.judgements;
    },
    visibility: async (questionId: string) => {
      this.calls.push(`visibility ${questionId}`);
      return this.questionVisibility;
    },
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
    setVisibility: async (m: unknown, questionId: string, v: JudgeVisibility, userId: string) => {
      this.calls.push(`setVisibility ${questionId} ${v} ${userId} ${m === TX}`);
    },
  };
  audit = {
    record: async (a: AuditActor, entry: Record<string, unknown>, m: unknown) => {
      this.calls.push(`audit ${a.id} ${JSON.stringify(entry)} ${m === TX}`);
    },
  };

  service() {
    return new JudgeReadsService(
      this.repo as unknown as JudgeReadsRepository,
      this.audit as unknown as AuditService,
    );
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

describe('JudgeReadsService.forTeacher', () => {
  it('refuses a task id that is not a number without asking the repository', async () => {
    const f = new Fakes();
    expect(await refusal(f.service().forTeacher(teacher, '1; DROP'))).toEqual({
      status: 404,
      code: 'judge.task_not_found',
    });
    expect(f.calls).toEqual([]);
  });

  it('refuses an answer that does not exist', async () => {
    const f = new Fakes();
    f.gate = null;
    expect(await refusal(f.service().forTeacher(teacher, '7'))).toEqual({
      status: 404,
      code: 'judge.task_not_found',
    });
    expect(f.calls).toEqual(['gate 7 u1']);
  });

  it('hides judge reads from everybody, seniors too, when the question says hidden', async () => {
    const f = new Fakes();
    f.gate = { ...f.gate!, visibility: 'hidden', state: 'needs_arbitration' };
    for (const user of [teacher, senior])
      expect(await refusal(f.service().forTeacher(user, '7'))).toEqual({
        status: 403,
        code: 'judge.hidden',
      });
    expect(f.calls.some((c) => c.startsWith('latestForUnit'))).toBe(false);
  });

  it('after_own_read: refuses a teacher who has not read the answer yet, serves one who has', async () => {
    const f = new Fakes();
    f.gate = { ...f.gate!, hasOwnRead: false };
    expect(await refusal(f.service().forTeacher(teacher, '7'))).toEqual({
      status: 403,
      code: 'judge.own_read_first',
    });
    f.gate = { ...f.gate, hasOwnRead: true };
    expect(await f.service().forTeacher(teacher, '7')).toEqual({
      taskId: '7',
      visibility: 'after_own_read',
      judgements: f.judgements,
    });
    expect(f.calls).toContain('latestForUnit r1 q1');
  });

  it('after_own_read: a senior sees them unread when the answer waits for arbitration or is a problem', async () => {
    const f = new Fakes();
    for (const state of ['needs_arbitration', 'problem']) {
      f.gate = { ...f.gate!, hasOwnRead: false, state };
      expect(await f.service().forTeacher(senior, '7')).toMatchObject({ taskId: '7' });
    }
    f.gate = { ...f.gate!, hasOwnRead: false, state: 'open' };
    expect(await refusal(f.service().forTeacher(senior, '7'))).toEqual({
      status: 403,
      code: 'judge.own_read_first',
    });
  });

  it('seniors_only: a teacher is refused even after their own read; a senior at arbitration is served', async () => {
    const f = new Fakes();
    f.gate = { ...f.gate!, visibility: 'seniors_only', hasOwnRead: true };
    expect(await refusal(f.service().forTeacher(teacher, '7'))).toEqual({
      status: 403,
      code: 'judge.seniors_only',
    });
    expect(await f.service().forTeacher(senior, '7')).toMatchObject({
      visibility: 'seniors_only',
    });
    f.gate = { ...f.gate, hasOwnRead: false, state: 'open' };
    expect(await refusal(f.service().forTeacher(senior, '7'))).toEqual({
      status: 403,
      code: 'judge.own_read_first',
    });
    f.gate = { ...f.gate, state: 'needs_arbitration' };
    expect(await f.service().forTeacher(senior, '7')).toMatchObject({ taskId: '7' });
  });

  it('says so when no judge has read the answer', async () => {
    const f = new Fakes();
    f.judgements = [];
    expect(await refusal(f.service().forTeacher(teacher, '7'))).toEqual({
      status: 404,
      code: 'judge.none',
    });
  });
});

describe('JudgeReadsService visibility', () => {
  it('returns a question’s setting, and refuses an unknown question', async () => {
    const f = new Fakes();
    expect(await f.service().visibility('q1')).toEqual({ questionId: 'q1', visibility: 'hidden' });
    f.questionVisibility = null;
    expect((await refusal(f.service().visibility('q9'))).status).toBe(404);
  });

  it('sets it and audits before → after in one transaction, the write first', async () => {
    const f = new Fakes();
    expect(await f.service().setVisibility('q1', 'seniors_only', actor)).toEqual({
      questionId: 'q1',
      visibility: 'seniors_only',
    });
    expect(f.calls).toEqual([
      'visibility q1',
      'begin',
      'setVisibility q1 seniors_only admin true',
      `audit admin ${JSON.stringify({
        action: 'marking_policy_set',
        entityType: 'question',
        entityId: 'q1',
        before: { judgeVisibility: 'hidden' },
        after: { judgeVisibility: 'seniors_only' },
      })} true`,
      'commit',
    ]);
  });

  it('writes nothing for an unknown question', async () => {
    const f = new Fakes();
    f.questionVisibility = null;
    expect((await refusal(f.service().setVisibility('q9', 'hidden', actor))).status).toBe(404);
    expect(f.calls).toEqual(['visibility q9']);
  });
});
