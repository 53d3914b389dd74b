import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

const actor = { id: 'admin', username: 'admin' } as AuditActor;

class FakeAssignments {
  users = new Map<string, string[]>([
    ['t1', ['teacher']],
    ['t2', ['senior_teacher']],
    ['author', ['author']],
  ]);
  markable = new Set(['q1', 'q2']);
  pairs = new Set<string>(['t1/q1']);
  readonly calls: string[] = [];
  async transaction<T>(work: (m: never) => Promise<T>) {
    this.calls.push('transaction');
    return work({} as never);
  }
  async list(userId?: string) {
    return [...this.pairs].filter((p) => !userId || p.startsWith(`${userId}/`)).sort();
  }
  async roles(userId: string) {
    return this.users.get(userId) ?? null;
  }
  async markableUnits(ids: string[]) {
    // like the SQL: rows of distinct questions
    return new Set(ids.filter((q) => this.markable.has(q))).size;
  }
  async markers(ids: string[]) {
    return ids.filter((u) => this.users.get(u)?.some((r) => r.includes('teacher')));
  }
  async addForUser(userId: string, ids: string[]) {
    this.calls.push('addForUser');
    for (const q of ids) this.pairs.add(`${userId}/${q}`);
  }
  async addPairs(users: string[], ids: string[]) {
    this.calls.push('addPairs');
    const before = this.pairs.size;
    for (const u of users) for (const q of ids) this.pairs.add(`${u}/${q}`);
    return this.pairs.size - before;
  }
  async removeForUser(userId: string, ids: string[]) {
    this.calls.push('removeForUser');
    for (const q of ids) this.pairs.delete(`${userId}/${q}`);
  }
  async paper(id: string) {
    return id === 'v1'
      ? { id, title: 'p', policyMode: 'single', policyTolerance: 0, override: null }
      : null;
  }
  async questions() {
    return [];
  }
}

function setup() {
  const repo = new FakeAssignments();
  const audits: { entityId: string; action: string }[] = [];
  const audit = {
    record: async (_a: AuditActor, rec: { entityId: string; action: string }) =>
      void (audits.push(rec), repo.calls.push('audit')),
  } as unknown as AuditService;
  return {
    repo,
    audits,
    service: new AssignmentsService(repo as unknown as AssignmentsRepository, audit),
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError)
      return { status: e.status, code: e.code, params: e.params, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('AssignmentsService', () => {
  it('refuses, with a code and nothing stored, a user that does not exist, one who does not mark, and a composite', async () => {
    const { repo, service } = setup();
    expect(await refusal(service.add('ghost', ['q1'], actor))).toMatchObject({
      status: 400,
      code: 'user.not_found',
    });
    expect(await refusal(service.add('author', ['q1'], actor))).toMatchObject({
      status: 400,
      code: 'assignment.not_teacher',
      message: 'only teachers can be assigned questions to mark',
    });
    expect(await refusal(service.add('t1', ['q1', 'q-composite'], actor))).toMatchObject({
      status: 400,
      code: 'assignment.not_markable',
      message: expect.stringMatching(/composites/),
    });
    expect(repo.calls.filter((c) => c !== 'transaction')).toEqual([]);
  });

  it('assigns, audits in the same transaction, and returns the teacher’s assignments', async () => {
    const { repo, audits, service } = setup();
    expect(await service.add('t2', ['q1', 'q2', 'q1'], actor)).toEqual(['t2/q1', 't2/q2']);
    expect(repo.calls).toEqual(['transaction', 'addForUser', 'audit']);
    expect(audits).toEqual([expect.objectContaining({ action: 'assignment_add', entityId: 't2' })]);
  });

  it('assigns many teachers at once, counting only new pairs, one audit record per teacher; refuses naming how many do not mark', async () => {
    const { audits, service } = setup();
    expect(await refusal(service.addMany(['t1', 'author', 'ghost'], ['q1'], actor))).toMatchObject({
      code: 'assignment.not_teacher',
      params: { count: 2 },
    });
    expect(await refusal(service.addMany(['t1'], ['q1', 'q-composite'], actor))).toMatchObject({
      code: 'assignment.not_markable',
    });
    expect(await service.addMany(['t1', 't2', 't1'], ['q1', 'q2'], actor)).toEqual({
      added: 3,
      pairs: 4,
    });
    expect(audits.map((a) => a.entityId)).toEqual(['t1', 't2']);
  });

  it('removes and audits; a paper that does not exist is a 404 with its code', async () => {
    const { repo, audits, service } = setup();
    expect(await service.remove('t1', ['q1'], actor)).toEqual([]);
    expect(repo.calls).toEqual(['transaction', 'removeForUser', 'audit']);
    expect(audits[0].action).toBe('assignment_remove');
    expect(await refusal(service.questions('v9'))).toMatchObject({
      status: 404,
      code: 'paper.not_found',
    });
  });
});
