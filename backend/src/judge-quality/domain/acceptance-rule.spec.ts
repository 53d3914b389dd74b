import { acceptance, DEFAULT_THRESHOLDS } from './acceptance-rule';

/** Constructed cases around each bar of the rule (defaults: 30 answers, 10 human pairs, QWK drop 0.05, |SMD| 0.15). */
const good = { answers: 40, judgeHumanQwk: 0.8, humanHumanQwk: 0.82, humanPairs: 20, smd: 0.05 };

describe('the acceptance rule', () => {
  it('validates a judge within every bar', () => {
    expect(acceptance(good)).toEqual({
      validated: true,
      code: 'judge.validation.validated',
      params: { n: 40, qwk: 0.8, humanQwk: 0.82, smd: 0.05 },
    });
  });

  it('validates exactly at the bars (0.05 below the humans, SMD 0.15, 30 answers)', () => {
    expect(acceptance({ ...good, answers: 30, judgeHumanQwk: 0.77, smd: -0.15 }).validated).toBe(
      true,
    );
  });

  it('does not validate for lack of answers, whatever the figures', () => {
    expect(acceptance({ ...good, answers: 29 })).toEqual({
      validated: false,
      code: 'judge.validation.too_few',
      params: { n: 29, min: 30 },
    });
  });

  it('does not validate without human–human pairs to measure against', () => {
    expect(acceptance({ ...good, humanPairs: 9 })).toMatchObject({
      validated: false,
      code: 'judge.validation.no_human_pairs',
    });
    expect(acceptance({ ...good, humanHumanQwk: null }).code).toBe(
      'judge.validation.no_human_pairs',
    );
  });

  it('does not validate a judge more than 0.05 below the humans', () => {
    expect(acceptance({ ...good, judgeHumanQwk: 0.76 })).toEqual({
      validated: false,
      code: 'judge.validation.qwk_below_humans',
      params: { qwk: 0.76, humanQwk: 0.82, margin: 0.05 },
    });
    expect(acceptance({ ...good, judgeHumanQwk: null }).code).toBe(
      'judge.validation.qwk_below_humans',
    );
  });

  it('does not validate a biased judge (lenient or severe) even when it agrees well', () => {
    expect(acceptance({ ...good, judgeHumanQwk: 0.9, smd: 0.2 })).toEqual({
      validated: false,
      code: 'judge.validation.biased',
      params: { smd: 0.2, max: 0.15 },
    });
    expect(acceptance({ ...good, smd: -0.16 }).code).toBe('judge.validation.biased');
  });

  it('uses configured thresholds', () => {
    const loose = { ...DEFAULT_THRESHOLDS, minAnswers: 5, minHumanPairs: 2, maxSmd: 0.3 };
    expect(acceptance({ ...good, answers: 6, humanPairs: 3, smd: 0.25 }, loose).validated).toBe(
      true,
    );
  });
});
