import type { AuditActor, AuditService } from '../audit/audit.service';
import type { ValidationSamplesRepository } from './validation-samples.repository';
import { ValidationSamplesService } from './validation-samples.service';

/** The decisions of ValidationSamplesService against a hand-written repository: refusals, order, the seed kept. */

const actor: AuditActor & { id: string } = { id: 'u1', name: 'researcher' };
const TX = { tx: true };

class Fakes {
  calls: string[] = [];
  exists = true;
  eligible = [
    { id: '1', stratum: 'student', source: 'student', modelId: null },
    { id: '2', stratum: 'student', source: 'student', modelId: null },
    { id: '3', stratum: 'model:m1', source: 'model', modelId: 'm1' },
  ];
  inserted: { seed: number; taskIds: string[] } | null = null;
  repo = {
    transaction: async <T>(work: (m: unknown) => Promise<T>) => {
      this.calls.push('begin');
      const r = await work(TX);
      this.calls.push('commit');
      return r;
    },
    questionExists: async () => this.exists,
    lock: async (m: unknown, q: string) => void this.calls.push(`lock ${q} ${m === TX}`),
    eligible: async () => this.eligible,
    insert: async (m: unknown, s: { seed: number; taskIds: string[] }) => {
      this.calls.push(`insert ${s.taskIds.length} ${m === TX}`);
      this.inserted = s;
      return 's1';
    },
  };
  audit = {
    record: async (_a: AuditActor, e: { action: string }, m: unknown) =>
      void this.calls.push(`audit ${e.action} ${m === TX}`),
  };
  service = () =>
    new ValidationSamplesService(
      this.repo as unknown as ValidationSamplesRepository,
      this.audit as unknown as AuditService,
    );
}

describe('ValidationSamplesService.request', () => {
  it('refuses an unknown question (404) before taking the lock', async () => {
    const f = new Fakes();
    f.exists = false;
    await expect(f.service().request('q', 1, 7, actor)).rejects.toMatchObject({
      status: 404,
      code: 'judge.validation.question_not_found',
    });
    expect(f.calls).toEqual(['begin']);
  });

  it('refuses when no answer waits for its first read (409), recording nothing', async () => {
    const f = new Fakes();
    f.eligible = [];
    await expect(f.service().request('q', 1, 7, actor)).rejects.toMatchObject({
      status: 409,
      code: 'judge.validation.nothing_to_sample',
    });
    expect(f.calls).toEqual(['begin', 'lock q true']);
  });

  it('draws per stratum under the lock, records the sample with its seed, audits it, in one transaction', async () => {
    const f = new Fakes();
    const r = await f.service().request('q', 1, 7, actor);
    expect(f.calls).toEqual([
      'begin',
      'lock q true',
      'insert 2 true',
      'audit validation_sample true',
      'commit',
    ]);
    expect(r).toMatchObject({ id: 's1', questionId: 'q', seed: 7, perStratum: 1, taskCount: 2 });
    expect(f.inserted!.seed).toBe(7);
    // The same seed draws the same tasks again: every figure can be re-drawn from it.
    const again = new Fakes();
    await again.service().request('q', 1, 7, actor);
    expect(again.inserted!.taskIds).toEqual(f.inserted!.taskIds);
  });
});
