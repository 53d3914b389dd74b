import type { AuditActor, AuditService } from '../audit/audit.service';
import type { Pipeline } from '../jobs/pipeline';
import { AnswerLine } from './answers-import';
import type {
  AnswersImportRepository,
  ImportedAnswer,
  ImportTarget,
} from './answers-import.repository';
import { AnswersRejectedError, AnswersImportService } from './answers-import.service';
import type { RunsRepository } from './runs.repository';

/** The importer's decisions against hand-written repositories: all or nothing, what it writes and in which order. */

const actor: AuditActor = { id: 'u1', name: 'admin' };
const MANAGER = { manager: true };

const line = (n: number, over: Partial<AnswerLine> = {}): AnswerLine => ({
  line: n,
  paper: 'paper-a',
  question: String(n),
  provenance: null,
  model: 'gpt',
  sample: 0,
  response: `answer ${n}`,
  reasoning: null,
  finishReason: 'stop',
  tokensIn: null,
  tokensOut: null,
  simulated: false,
  ...over,
});

function setUp(
  questions: Record<string, ImportTarget> = {},
  knownModels: Record<string, string> = {},
) {
  const calls: string[] = [];
  const answers: ImportedAnswer[] = [];
  const inTx = (m: unknown) => (m === MANAGER ? '' : ' (outside the transaction)');
  const repo = {
    transaction: async <T>(work: (m: unknown) => Promise<T>) => {
      calls.push('begin');
      const r = await work(MANAGER);
      calls.push('commit');
      return r;
    },
    questionByProvenance: async (file: string, index: number) =>
      questions[`${file}#${index}`] ?? null,
    questionByNumber: async (paper: string, number: string) =>
      questions[`${paper}/${number}`] ?? null,
    insertRun: async (m: unknown, name: string) => {
      calls.push(`run "${name}"${inTx(m)}`);
      return 'run1';
    },
    modelByName: async (_m: unknown, name: string) => knownModels[name] ?? null,
    markSimulated: async (_m: unknown, id: string) => void calls.push(`simulated ${id}`),
    insertModel: async (m: unknown, name: string, simulated: boolean) => {
      calls.push(`model ${name} simulated=${simulated}${inTx(m)}`);
      return `id-${name}`;
    },
    insertAnswer: async (m: unknown, a: ImportedAnswer) => {
      calls.push(`answer ${a.questionId}${inTx(m)}`);
      answers.push(a);
    },
  };
  const runs = {
    addModel: async (m: unknown, runId: string, modelId: string, snap: object) =>
      void calls.push(`runModel ${runId} ${modelId} ${JSON.stringify(snap)}${inTx(m)}`),
    addPapers: async (m: unknown, runId: string, ids: string[]) =>
      void calls.push(`runPapers ${runId} ${ids.join(',')}${inTx(m)}`),
  };
  const audit = {
    record: async (_a: AuditActor, r: { action: string }, m: unknown) =>
      void calls.push(`audit ${r.action}${inTx(m)}`),
  };
  const pipeline = {
    answersStored: () => void calls.push('signal'),
    settle: async () => ({ graded: 0, changed: 0, queued: 0 }),
  };
  const service = new AnswersImportService(
    repo as unknown as AnswersImportRepository,
    runs as unknown as RunsRepository,
    audit as unknown as AuditService,
    pipeline as unknown as Pipeline,
  );
  return { service, calls, answers };
}

const opts = { name: 'imported: a.jsonl', skipUnknown: false };
const Q = {
  'paper-a/1': { questionId: 'q1', paperVersionId: 'v1' },
  'paper-a/2': { questionId: 'q2', paperVersionId: 'v1' },
};

async function rejected(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AnswersRejectedError);
  return e as AnswersRejectedError;
}

describe('AnswersImportService', () => {
  it('stores the run, its models, papers and answers, then the audit entry, in one transaction, and then signals grading', async () => {
    const { service, calls, answers } = setUp(Q);
    const out = await service.import('a.jsonl', [line(1), line(2)], [], opts, actor);
    expect(out).toEqual({ runId: 'run1', imported: 2, skipped: 0 });
    expect(calls).toEqual([
      'begin',
      'run "imported: a.jsonl"',
      'model gpt simulated=false',
      'runModel run1 id-gpt {"name":"gpt","imported":true}',
      'runPapers run1 v1',
      'answer q1',
      'answer q2',
      'audit answers_import',
      'commit',
      'signal',
    ]);
    // Each answer's hash is its own (run, model, question, sample): never one a live request could match.
    expect(new Set(answers.map((a) => a.requestHash)).size).toBe(2);
  });

  it('rejects the whole file when one line names an unknown question, storing nothing', async () => {
    const { service, calls } = setUp(Q);
    const e = await rejected(service.import('a.jsonl', [line(1), line(3)], [], opts, actor));
    expect(e.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'question', code: 'answers.unknown_question' }),
    ]);
    expect([e.status, e.code, e.params]).toEqual([
      422,
      'answers.rejected',
      { count: 1, file: 'a.jsonl', line: 3 },
    ]);
    expect(calls).toEqual([]);
  });

  it('skips and counts unknown questions when asked to (a benchmark file covering more than the loaded papers)', async () => {
    const { service } = setUp(Q);
    const out = await service.import(
      'a.jsonl',
      [line(1), line(3)],
      [],
      { ...opts, skipUnknown: true },
      actor,
    );
    expect(out).toMatchObject({ imported: 1, skipped: 1 });
  });

  it('rejects a second answer for the same model, question and sample', async () => {
    const { service, calls } = setUp(Q);
    const e = await rejected(
      service.import('a.jsonl', [line(1), line(1, { line: 2 })], [], opts, actor),
    );
    expect(e.errors).toEqual([expect.objectContaining({ line: 2, code: 'answers.duplicate' })]);
    expect(calls).toEqual([]);
  });

  it('rejects a file in which nothing matches the loaded papers, even when skipping', async () => {
    const { service } = setUp(Q);
    const e = await rejected(
      service.import('a.jsonl', [line(7)], [], { ...opts, skipUnknown: true }, actor),
    );
    expect(e.errors).toEqual([expect.objectContaining({ code: 'answers.none_matched' })]);
  });

  it('rejects with the parser’s errors even when every line resolves', async () => {
    const { service, calls } = setUp(Q);
    const parseError = {
      file: 'a.jsonl',
      line: 5,
      field: 'sample',
      code: 'answers.field_invalid',
      params: {},
      message: 'bad',
    };
    const e = await rejected(service.import('a.jsonl', [line(1)], [parseError], opts, actor));
    expect(e.errors).toEqual([parseError]);
    expect(calls).toEqual([]);
  });

  it('finds a benchmark item by its provenance, reuses a known model, and marks it simulated when a line says so', async () => {
    const { service, calls } = setUp(
      { 'Data/x.json#4': { questionId: 'q9', paperVersionId: 'v2' } },
      { gpt: 'known' },
    );
    await service.import(
      'b.json',
      [line(1, { question: null, provenance: { file: 'Data/x.json', index: 4 }, simulated: true })],
      [],
      opts,
      actor,
    );
    expect(calls).toEqual([
      'begin',
      'run "imported: a.jsonl"',
      'simulated known',
      'runModel run1 known {"name":"gpt","imported":true,"simulated":true}',
      'runPapers run1 v2',
      'answer q9',
      'audit answers_import',
      'commit',
      'signal',
    ]);
  });
});
