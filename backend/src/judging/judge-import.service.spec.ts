import { DomainError } from '../common/domain-errors';
import type { JudgeImportRepository, RecordedRead, RecordedUnit } from './judge-import.repository';
import { JudgeImportService } from './judge-import.service';

/** The decisions of JudgeImportService against a hand-written repository: what it refuses, skips, writes, in which order. */

const TX = { tx: true };

const line = (o: object = {}) =>
  JSON.stringify({
    paper: 'gaokao-2018-biology',
    question: '6',
    judge: 'recorded judge',
    judgeModelId: 'gpt-4-judge',
    template: 'gaokao-bench-correction',
    answerModel: 'GPT-4 (bench)',
    points: 7,
    rationale: '判分理由',
    provenance: { dataset: 'GAOKAO-Bench', file: 'x.json', index: 3 },
    ...o,
  });

class FakeRepo {
  calls: string[] = [];
  reads: RecordedRead[] = [];
  /** Answers by question number; a question not here has no answer in this database. */
  units = new Map<string, RecordedUnit>([
    ['6', { responseId: 'r6', questionId: 'q6', maxPoints: 10 }],
    ['7', { responseId: 'r7', questionId: 'q7', maxPoints: 10 }],
  ]);
  seen = new Set<string>();
  transaction = async <T>(work: (m: unknown) => Promise<T>) => {
    this.calls.push('begin');
    const r = await work(TX);
    this.calls.push('commit');
    return r;
  };
  upsertRecordedJudge = async (m: unknown, name: string, modelId: string) => {
    this.calls.push(`judge ${name} ${modelId} ${m === TX}`);
    return `j-${name}`;
  };
  findUnit = async (m: unknown, l: { question: string }) => this.units.get(l.question) ?? null;
  hasRead = async (m: unknown, unit: RecordedUnit, judgeId: string, template: string) =>
    this.seen.has(`${unit.responseId} ${judgeId} ${template}`);
  insertRead = async (m: unknown, r: RecordedRead) => {
    this.calls.push(`insert ${r.responseId} ${r.status} ${m === TX}`);
    this.reads.push(r);
  };
}

const make = () => {
  const repo = new FakeRepo();
  return { repo, service: new JudgeImportService(repo as unknown as JudgeImportRepository) };
};

describe('JudgeImportService.importFile', () => {
  it('refuses a file with bad lines as a whole (400 judge.import_invalid naming file and line), storing nothing', async () => {
    const { repo, service } = make();
    const e = await service
      .importFile('a-judge.jsonl', [line(), 'nope'].join('\n'))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({
      status: 400,
      code: 'judge.import_invalid',
      errors: [{ file: 'a-judge.jsonl', line: 2 }],
    });
    expect(repo.calls).toEqual([]);
  });

  it('in one transaction: registers each judge once, reports answers not here, writes the reads', async () => {
    const { repo, service } = make();
    const text = [
      line(),
      line({ question: '7', points: 3 }),
      line({ question: '99' }),
      line({ judge: 'second', question: '7' }),
    ].join('\n');
    const result = await service.importFile('a-judge.jsonl', text);
    expect(result).toEqual({
      file: 'a-judge.jsonl',
      imported: 3,
      skipped: 0,
      missing: [{ line: 3, paper: 'gaokao-2018-biology', question: '99' }],
    });
    expect(repo.calls).toEqual([
      'begin',
      'judge recorded judge gpt-4-judge true',
      'insert r6 scored true',
      'insert r7 scored true',
      'judge second gpt-4-judge true',
      'insert r7 scored true',
      'commit',
    ]);
    expect(repo.reads[0]).toEqual({
      responseId: 'r6',
      questionId: 'q6',
      judgeModelId: 'j-recorded judge',
      templateVersion: 'gaokao-bench-correction',
      status: 'scored',
      failureCode: null,
      failureParams: null,
      points: 7,
      maxPoints: 10,
      rationale: '判分理由',
      provenance: { dataset: 'GAOKAO-Bench', file: 'x.json', index: 3, judge: 'gpt-4-judge' },
    });
  });

  it('stores a score outside the question’s points as a failed read, never clamped', async () => {
    const { repo, service } = make();
    await service.importFile('a-judge.jsonl', line({ points: 12 }));
    expect(repo.reads[0]).toMatchObject({
      status: 'failed',
      failureCode: 'judge.total_out_of_range',
      failureParams: { total: 12, max: 10 },
      points: null,
    });
  });

  it('skips a read this judge already made with this template (seeding again records nothing twice)', async () => {
    const { repo, service } = make();
    repo.seen.add('r6 j-recorded judge gaokao-bench-correction');
    const result = await service.importFile(
      'a-judge.jsonl',
      [line(), line({ question: '7' })].join('\n'),
    );
    expect(result).toMatchObject({ imported: 1, skipped: 1 });
    expect(repo.calls.filter((c) => c.startsWith('insert'))).toEqual(['insert r7 scored true']);
  });
});
