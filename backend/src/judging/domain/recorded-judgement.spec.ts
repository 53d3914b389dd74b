import { parseRecordedJudgements, recordedVerdict } from './recorded-judgement';

const line = (o: object) =>
  JSON.stringify({
    paper: 'gaokao-2018-national-1-biology',
    question: '6',
    judge: 'GPT-4-1106-preview (GAOKAO-Bench judge)',
    template: 'gaokao-bench-correction',
    answerModel: 'GPT-4-0314 (GAOKAO-Bench)',
    points: 7,
    rationale: '【判分理由】…',
    provenance: { dataset: 'GAOKAO-Bench', file: 'Results/x.json', index: 3 },
    ...o,
  });

describe('recorded judgements', () => {
  it('reads lines and names the line and field of a bad one', () => {
    const { lines, errors } = parseRecordedJudgements(
      [line({}), '', line({ points: 'seven' }), 'nope', line({ judge: '' })].join('\n'),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ line: 1, question: '6', points: 7, sample: 0 });
    expect(errors).toEqual([
      { line: 3, field: 'points', message: 'points must be a number' },
      { line: 4, field: '', message: 'not a JSON object' },
      { line: 5, field: 'judge', message: 'judge must be a non-empty string' },
    ]);
  });

  it('keeps a recorded score within the question, and fails one outside it instead of clamping', () => {
    expect(recordedVerdict(7, 10, 'r')).toEqual({
      status: 'scored',
      appliedItems: [],
      adjustment: 0,
      points: 7,
      rationale: 'r',
    });
    expect(recordedVerdict(12, 10, 'r')).toMatchObject({
      status: 'failed',
      code: 'judge.total_out_of_range',
      params: { total: 12, max: 10 },
    });
    expect(recordedVerdict(-1, 10, 'r')).toMatchObject({ status: 'failed' });
  });
});
