import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { DataSource } from 'typeorm';
import type { Read, Resolution } from './domain/marking-rules';
import { MarkingPolicyRepository } from './marking-policy.repository';
import type { PolicyOverride, PolicyTarget } from './marking-policy.repository';
import { MarkingPolicyService } from './marking-policy.service';
import type { MarkingTasksRepository } from './marking-tasks.repository';
import { TX } from './testing/fake-marking-tasks';

/**
 * The decisions of MarkingPolicyService against hand-written fakes. The service builds its
 * MarkingPolicyRepository on the transaction's manager, so the fake replaces the repository's
 * methods on its prototype (restored after each test) and checks each call ran on that manager.
 */

const actor: AuditActor = { id: 'admin', name: 'admin' };
const question: PolicyTarget = { kind: 'question', id: 'q1' };
const paper: PolicyTarget = { kind: 'paper', id: 'v1' };

interface MarkedTask {
  taskId: string;
  questionId: string;
  state: string;
  finalScore: number | null;
  reads: Read[];
}

const read = (markerId: string, points: number, kind = 'first'): Read =>
  ({ markerId, kind, points }) as Read;

class Fakes {
  calls: string[] = [];
  label: string | null = 'Paper · 1';
  current: PolicyOverride | null = null;
  paperQuestions = ['q1', 'q2'];
  counts = { marks: 0, answers: 0 };
  modes = new Map([
    ['q1', { mode: 'double', tolerance: 1 }],
    ['q2', { mode: 'single', tolerance: 0 }],
  ]);
  marked: MarkedTask[] = [];
  resolutions: { taskId: string; res: Resolution; inTx: boolean }[] = [];

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
  tasks = {
    writeResolution: async (taskId: string, res: Resolution, m: unknown) => {
      this.calls.push(`writeResolution ${taskId}`);
      this.resolutions.push({ taskId, res, inTx: m === TX });
    },
  };
  audit = {
    record: async (a: AuditActor, entry: Record<string, unknown>, m: unknown) => {
      this.calls.push(`audit ${JSON.stringify(entry)} ${m === TX}`);
    },
  };

  constructor() {
    const calls = this.calls;
    const stub = <K extends keyof MarkingPolicyRepository>(
      name: K,
      impl: (...args: never[]) => unknown,
    ) =>
      jest.spyOn(MarkingPolicyRepository.prototype, name).mockImplementation(function (
        this: unknown,
        ...args: never[]
      ) {
        const onTx = (this as { m: unknown }).m === TX;
        calls.push(`${name}${onTx ? '' : ' (outside the transaction)'}`);
        return Promise.resolve(impl(...args)) as never;
      });
    stub('label', () => this.label);
    stub('questionIds', (t: PolicyTarget) =>
      t.kind === 'question' ? [t.id] : this.paperQuestions,
    );
    stub('lockTasks', () => undefined);
    stub('current', () => this.current);
    stub('markCounts', () => this.counts);
    stub('save', (t: PolicyTarget, v: PolicyOverride | null, by: string | null) => {
      this.calls.push(`saved ${t.id} ${JSON.stringify(v)} ${by}`);
    });
    stub('applyReadsRequired', () => this.modes);
    stub('marked', () => this.marked);
  }

  service() {
    return new MarkingPolicyService(
      this.db as unknown as DataSource,
      this.tasks as unknown as MarkingTasksRepository,
      this.audit as unknown as AuditService,
    );
  }
}

afterEach(() => jest.restoreAllMocks());

async function refusal(
  p: Promise<unknown>,
): Promise<{ status: number; code: string; params?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, code: e.code, params: e.params };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('MarkingPolicyService.set', () => {
  it('refuses an unknown target (or a composite question): 404, nothing saved', async () => {
    const f = new Fakes();
    f.label = null;
    expect(
      await refusal(f.service().set(question, { mode: 'double', tolerance: 1 }, actor)),
    ).toMatchObject({ status: 404, code: 'marking_policy.not_found' });
    expect(f.calls).toEqual(['begin', 'label', 'rollback']);
  });

  it('refuses to change the mode once marks exist unless re-resolution is asked for: 409 with the counts', async () => {
    const f = new Fakes();
    f.counts = { marks: 5, answers: 3 };
    expect(await refusal(f.service().set(paper, { mode: 'double', tolerance: 1 }, actor))).toEqual({
      status: 409,
      code: 'marking_policy.marks_exist',
      params: { marks: 5, answers: 3 },
    });
    expect(f.calls).toEqual([
      'begin',
      'label',
      'questionIds',
      'lockTasks',
      'current',
      'markCounts',
      'rollback',
    ]);
  });

  it('with no marks: locks, saves the override, applies reads required, audits it, all in one transaction', async () => {
    const f = new Fakes();
    f.current = { mode: 'single', tolerance: null };
    const r = await f.service().set(question, { mode: 'double', tolerance: 1 }, actor);
    expect(r).toEqual({ override: { mode: 'double', tolerance: 1 }, reresolved: 0, changed: 0 });
    expect(f.calls).toEqual([
      'begin',
      'label',
      'questionIds',
      'lockTasks',
      'current',
      'markCounts',
      'save',
      'saved q1 {"mode":"double","tolerance":1} admin',
      'applyReadsRequired',
      `audit ${JSON.stringify({
        action: 'marking_policy_set',
        entityType: 'question',
        entityId: 'q1',
        before: { mode: 'single', tolerance: null },
        after: { mode: 'double', tolerance: 1, reresolved: 0, changed: 0 },
      })} true`,
      'commit',
    ]);
  });

  it('clears the override when both mode and tolerance are null, audited as a clear on the paper version', async () => {
    const f = new Fakes();
    const r = await f.service().set(paper, { mode: null, tolerance: null }, actor);
    expect(r.override).toBeNull();
    expect(f.calls).toContain('saved v1 null admin');
    expect(f.calls.find((c) => c.startsWith('audit'))).toBe(
      `audit ${JSON.stringify({
        action: 'marking_policy_clear',
        entityType: 'paper_version',
        entityId: 'v1',
        before: { mode: null, tolerance: null },
        after: { mode: null, tolerance: null, reresolved: 0, changed: 0 },
      })} true`,
    );
  });

  it('on reresolve: resolves every marked answer again under its question’s new mode and counts the changes', async () => {
    const f = new Fakes();
    f.counts = { marks: 4, answers: 3 };
    f.marked = [
      // Double, tolerance 1: 4 and 5 agree, 5 → 4.5 (was done at 4 under single).
      { taskId: 't1', questionId: 'q1', state: 'done', finalScore: 4, reads: [read('a', 4)] },
      {
        taskId: 't2',
        questionId: 'q1',
        state: 'done',
        finalScore: 4.5,
        reads: [read('a', 4), read('b', 5, 'second')],
      },
      // Single: unchanged.
      { taskId: 't3', questionId: 'q2', state: 'done', finalScore: 7, reads: [read('c', 7)] },
    ];
    const r = await f
      .service()
      .set(paper, { mode: 'double', tolerance: 1, reresolve: true }, actor);
    expect(r).toEqual({ override: { mode: 'double', tolerance: 1 }, reresolved: 3, changed: 1 });
    expect(f.resolutions.map((x) => [x.taskId, x.res.state, x.res.finalScore, x.inTx])).toEqual([
      ['t1', 'open', null, true],
      ['t2', 'done', 4.5, true],
      ['t3', 'done', 7, true],
    ]);
    // Saved before re-resolving; the audit, last, tells how many were re-resolved and changed.
    const order = f.calls.filter((c) => /^(save|marked|writeResolution|audit)/.test(c));
    expect(order.map((c) => c.split(' ')[0])).toEqual([
      'save',
      'saved',
      'marked',
      'writeResolution',
      'writeResolution',
      'writeResolution',
      'audit',
    ]);
    expect(f.calls.at(-2)).toContain(
      '"after":{"mode":"double","tolerance":1,"reresolved":3,"changed":1}',
    );
  });
});
