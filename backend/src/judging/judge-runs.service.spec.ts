import type { AuditActor, AuditService } from '../audit/audit.service';
import type { RunnerService } from '../collection/runner.service';
import { DomainError } from '../common/domain-errors';
import type { ModelsService } from '../models/models.service';
import { JUDGE_TEMPLATE_VERSION } from './domain/judge-request';
import type { JudgeRunsRepository, JudgeScope } from './judge-runs.repository';
import { JudgeRunsService } from './judge-runs.service';

/** The decisions of JudgeRunsService against hand-written fakes: what it refuses, writes, in which order, returns. */

const actor: AuditActor = { id: 'u1', name: 'researcher' };
const TX = { tx: true };

class Fakes {
  calls: string[] = [];
  judge = { id: 'jm', name: 'judge-a', isJudge: true, isImported: false, modality: 'text' };
  runKinds = new Map<string, string>([['src', 'answer']]);
  questions = new Set(['q1']);
  items = 3;
  head: object | null = { id: 'jr', name: 'judge-a · t', status: 'running' };
  items_ = {
    total: 4,
    pending: 1,
    inFlight: 1,
    judged: 2,
    callsFailed: 0,
    notApplicable: 0,
    cancelled: 0,
  };
  att = {
    requests: 5,
    tokensIn: 10,
    tokensOut: 20,
    cost: 0.2 as number | null,
    hasUnknownCost: false,
    requestsPerSecond: 0.5 as number | null,
  };
  outcomes = [
    { status: 'scored', code: null, n: 2 },
    { status: 'failed', code: 'judge.bad_json', n: 1 },
  ];

  repo = {
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
    runKind: async (id: string) => this.runKinds.get(id) ?? null,
    questionExists: async (id: string) => this.questions.has(id),
    insertRun: async (
      m: unknown,
      run: { name: string; templateVersion: string; createdBy: string | null },
      j: { judgeModelId: string; scope: JudgeScope },
    ) => {
      this.calls.push(
        `insertRun "${run.name}" ${run.templateVersion} ${run.createdBy} ${j.judgeModelId} ${JSON.stringify(j.scope)} ${m === TX}`,
      );
      return 'jr';
    },
    insertItems: async (m: unknown, runId: string, judge: { id: string }, scope: JudgeScope) => {
      this.calls.push(`insertItems ${runId} ${judge.id} ${JSON.stringify(scope)} ${m === TX}`);
      return this.items;
    },
    head: async () => this.head,
    progress: async () => ({ items: this.items_, att: this.att, outcomes: this.outcomes }),
    judgements: async () => [],
    questions: async () => [],
    list: async () => [],
  };
  models = {
    get: async (id: string) => {
      this.calls.push(`models.get ${id}`);
      return this.judge;
    },
    map: (j: { id: string }) => ({ id: j.id, snapshot: true }),
  };
  runner = { announce: async () => void this.calls.push('announce') };
  audit = {
    record: async (
      _a: AuditActor,
      e: { action: string; entityId: string; after: { items: number } },
      m: unknown,
    ) => void this.calls.push(`audit ${e.action} ${e.entityId} items=${e.after.items} ${m === TX}`),
  };

  service() {
    return new JudgeRunsService(
      this.repo as unknown as JudgeRunsRepository,
      this.models as unknown as ModelsService,
      this.runner as unknown as RunnerService,
      this.audit as unknown as AuditService,
    );
  }
}

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as DomainError);

describe('JudgeRunsService.create', () => {
  it('needs exactly one scope, a run’s answers or a question’s, before it looks at the judge', async () => {
    const f = new Fakes();
    for (const dto of [
      { judgeModelId: 'jm' },
      { judgeModelId: 'jm', sourceRunId: 'src', questionId: 'q1' },
    ])
      expect(await refusal(f.service().create(dto, actor))).toMatchObject({
        status: 400,
        code: 'judge.scope_required',
      });
    expect(f.calls).toEqual([]);
  });

  it('refuses a model that is not a judge, and a recorded judge (it cannot be called), with 422', async () => {
    const f = new Fakes();
    f.judge.isJudge = false;
    expect(
      await refusal(f.service().create({ judgeModelId: 'jm', sourceRunId: 'src' }, actor)),
    ).toMatchObject({
      status: 422,
      code: 'judge.not_a_judge',
      params: { name: 'judge-a' },
    });
    f.judge.isJudge = true;
    f.judge.isImported = true;
    expect(
      await refusal(f.service().create({ judgeModelId: 'jm', sourceRunId: 'src' }, actor)),
    ).toMatchObject({
      status: 422,
      code: 'judge.recorded_judge',
    });
    expect(f.calls).not.toContain('begin');
  });

  it('refuses a source that is missing or is itself a judge run, and a missing question (404 judge.source_not_found)', async () => {
    const f = new Fakes();
    f.runKinds.set('other-judge', 'judge');
    for (const dto of [
      { judgeModelId: 'jm', sourceRunId: 'missing' },
      { judgeModelId: 'jm', sourceRunId: 'other-judge' },
      { judgeModelId: 'jm', questionId: 'q-missing' },
    ])
      expect(await refusal(f.service().create(dto, actor))).toMatchObject({
        status: 404,
        code: 'judge.source_not_found',
      });
    expect(f.calls).not.toContain('begin');
  });

  it('rolls back a run with nothing to judge (422 judge.nothing_to_judge): no audit, nothing announced', async () => {
    const f = new Fakes();
    f.items = 0;
    expect(
      await refusal(f.service().create({ judgeModelId: 'jm', questionId: 'q1' }, actor)),
    ).toMatchObject({
      status: 422,
      code: 'judge.nothing_to_judge',
    });
    expect(f.calls.slice(-2)).toEqual([expect.stringMatching(/^insertItems/), 'rollback']);
    expect(f.calls).not.toContain('announce');
  });

  it('writes the run, its items and its audit in one transaction, then announces the work and answers its progress', async () => {
    const f = new Fakes();
    const p = await f.service().create({ judgeModelId: 'jm', sourceRunId: 'src' }, actor);
    expect(f.calls).toEqual([
      'models.get jm',
      'begin',
      `insertRun "judge-a · ${JUDGE_TEMPLATE_VERSION}" ${JUDGE_TEMPLATE_VERSION} u1 jm {"sourceRunId":"src"} true`,
      'insertItems jr jm {"sourceRunId":"src"} true',
      'audit run_start jr items=3 true',
      'commit',
      'announce',
    ]);
    expect(p).toMatchObject({ id: 'jr', total: 4 });
  });
});

describe('JudgeRunsService.progress', () => {
  it('counts judgements by outcome, lists failure codes and estimates the time left from the recent rate', async () => {
    const f = new Fakes();
    expect(await f.service().progress('jr')).toMatchObject({
      scored: 2,
      failedJudgements: 1,
      failures: [{ code: 'judge.bad_json', n: 1 }],
      cost: 0.2,
      etaSeconds: 4,
    });
  });

  it('leaves the cost unknown when a price is unknown, and the eta unknown with no recent rate', async () => {
    const f = new Fakes();
    f.att.hasUnknownCost = true;
    f.att.requestsPerSecond = null;
    expect(await f.service().progress('jr')).toMatchObject({
      cost: null,
      requestsPerSecond: 0,
      etaSeconds: null,
    });
    f.items_ = { ...f.items_, pending: 0, inFlight: 0 };
    expect(await f.service().progress('jr')).toMatchObject({ etaSeconds: 0 });
  });

  it('answers 404 judge.run_not_found for an unknown run, also before listing its judgements', async () => {
    const f = new Fakes();
    f.head = null;
    expect(await refusal(f.service().progress('nope'))).toMatchObject({
      status: 404,
      code: 'judge.run_not_found',
    });
    expect(await refusal(f.service().judgements('nope', null))).toMatchObject({
      status: 404,
      code: 'judge.run_not_found',
    });
  });
});
