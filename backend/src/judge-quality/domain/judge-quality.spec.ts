import { DEFAULT_THRESHOLDS } from './acceptance-rule';
import { JudgedAnswer, judgeQuality } from './judge-quality';

const answer = (
  id: string,
  judge: number | null,
  final: number | null,
  reads: number[],
  extra: Partial<JudgedAnswer> = {},
): JudgedAnswer => ({
  responseId: id,
  source: 'model',
  modelId: 'm1',
  judge,
  judgeStatus: judge === null ? 'failed' : 'scored',
  judgeItems: [],
  final,
  reads: reads.map((points) => ({ points, items: [] })),
  ...extra,
});

const Q = { questionId: 'q', maxPoints: 4, tolerance: 1, itemIds: null };
const options = { thresholds: DEFAULT_THRESHOLDS, seed: 1, replicates: 50, withSlices: false };

describe('a judge against the teachers on one question', () => {
  /**
   * a: judge 3, final 3, reads 3,3   b: judge 4, final 2, reads 2,2   c: failed, final 1
   * d: judge 0, final 1, reads 1     e: judge 2, not marked yet
   * judged 4 (a, b, d, e), failed 1, human-marked 4 (a, b, c, d), compared 3 (a, b, d), double 2 (a, b).
   * judge vs final: (3,3) (4,2) (0,1): mean difference (0 + 2 − 1)/3 = 1/3; exact 1/3.
   * teacher vs teacher on a, b: (3,3) (2,2): exact 1.
   */
  const answers = [
    answer('a', 3, 3, [3, 3]),
    answer('b', 4, 2, [2, 2]),
    answer('c', null, 1, [1]),
    answer('d', 0, 1, [1], { source: 'student', modelId: null }),
    answer('e', 2, null, []),
  ];

  it('counts failed judgements apart and compares only scored, marked answers', () => {
    const f = judgeQuality(Q, answers, options);
    expect(f.counts).toEqual({
      answers: 5,
      judged: 4,
      failed: 1,
      humanMarked: 4,
      compared: 3,
      doubleMarked: 2,
    });
    expect(f.vsFinal.n).toBe(3);
    expect(f.vsFinal.meanDiff.value).toBeCloseTo(1 / 3, 12);
    expect(f.vsFinal.exact.value).toBeCloseTo(1 / 3, 12);
    // judge vs every read: a twice, b twice, d once
    expect(f.vsReads.n).toBe(5);
    expect(f.vsReadsOnDouble.n).toBe(4);
    expect(f.humanHuman.n).toBe(2);
    expect(f.humanHuman.exact.value).toBe(1);
    expect(f.verdict.code).toBe('judge.validation.too_few');
  });

  it('lists the largest disagreements first, and no agreement as a disagreement', () => {
    const f = judgeQuality(Q, answers, options);
    expect(f.disagreements).toEqual([
      { responseId: 'b', judge: 4, final: 2 },
      { responseId: 'd', judge: 0, final: 1 },
    ]);
    // whole points: the confusion matrix is 0–4 by 1; b sits at judge 4, final 2
    expect(f.confusion.scores).toEqual([0, 1, 2, 3, 4]);
    expect(f.confusion.counts[4][2]).toBe(1);
  });

  it('gives slices by source and model only when asked (researchers)', () => {
    expect(judgeQuality(Q, answers, options).slices).toEqual([]);
    const f = judgeQuality(Q, answers, { ...options, withSlices: true });
    expect(f.slices.map((s) => `${s.kind}:${s.value}:${s.answers}`)).toEqual([
      'model:m1:3',
      'source:model:3',
      'source:student:1',
    ]);
  });
});
