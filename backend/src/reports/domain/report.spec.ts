import { agreement } from '../../statistics/agreement';
import { histogramOf } from '../../statistics/distribution';
import { buildReport } from './report';
import { ModelUnit, ReportInput, ReportQuestion } from './report.types';

/*
 * A hand-computed report. One paper: q1 and q2 objective (5 points), q3 subjective (10 points).
 * Cohort means 4, 2.5, 5. Run A: q1 = 5, q2 = 0, q3 pending. Run B (same model, later): q1 = 5,
 * q2 = 5, q3 pending.
 * Run A on the scored questions: model 5/10 = 0.50, cohort 6.5/10 = 0.65, difference −0.15.
 * Resampling two questions gives {q1,q1}: (10−8)/10 = +0.20, {q2,q2}: (0−5)/10 = −0.50, or a mix:
 * −0.15; each pure pair has probability 1/4, so the 2.5% and 97.5% quantiles are −0.50 and +0.20.
 */
const q = (
  id: string,
  isObjective: boolean,
  maxPoints: number,
  tags: string[] = [],
): ReportQuestion => ({
  id,
  paperVersionId: 'P',
  paperTitle: 'Paper',
  number: id,
  subject: 'math',
  group: 'sciences',
  type: isObjective ? 'single_choice' : 'calculation',
  isObjective,
  tags,
  grade: 12,
  stage: 'senior',
  maxPoints,
});
const unit = (entryKey: string, questionId: string, score: number | null): ModelUnit => ({
  entryKey,
  questionId,
  scored: score === null ? 0 : 1,
  score,
  pending: score === null ? 1 : 0,
  notScored: 0,
  notApplicable: 0,
});

const q3Pairs: [number, number][] = [
  [6, 6],
  [8, 7],
  [2, 2],
  [10, 9],
];

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  questions: [q('q1', true, 5, ['functions']), q('q2', true, 5), q('q3', false, 10, ['functions'])],
  cohorts: [
    {
      id: 'C',
      paperVersionId: 'P',
      name: 'cohort',
      isSynthetic: true,
      students: 6,
      means: new Map([
        ['q1', 4],
        ['q2', 2.5],
        ['q3', 5],
      ]),
      replicates: null,
      replicateQuestions: [],
    },
  ],
  entries: [
    { key: 'A', runId: 'rA', runName: 'first', modelId: 'm', modelName: 'M', previousKey: null },
    { key: 'B', runId: 'rB', runName: 'second', modelId: 'm', modelName: 'M', previousKey: 'A' },
  ],
  units: [
    unit('A', 'q1', 5),
    unit('A', 'q2', 0),
    unit('A', 'q3', null),
    unit('B', 'q1', 5),
    unit('B', 'q2', 5),
    unit('B', 'q3', null),
  ],
  agreementPairs: new Map([['q3', { pairs: q3Pairs, tolerance: 1 }]]),
  // Student totals on q1 + q2: the model's 5 has two below and two equal of six: 50th percentile.
  totals: (cohortId, ids) =>
    cohortId === 'C' && ids.join() === 'q1,q2' ? histogramOf([0, 2.5, 5, 5, 7.5, 10]) : null,
  replicates: 1000,
  seed: 1,
  minQwk: 0.7,
  ...overrides,
});

const figure = (
  r: ReturnType<typeof buildReport>,
  entryKey: string,
  dimension: string,
  value: string,
) =>
  r.figures.find((f) => f.entryKey === entryKey && f.dimension === dimension && f.value === value)!;

describe('report on a hand-computed data set', () => {
  const report = buildReport(input());

  it('compares the model with the cohort on the scored questions only, pending never counted as zero', () => {
    const f = figure(report, 'A', 'subject', 'math');
    expect(f.modelRate).toBeCloseTo(0.5, 10);
    expect(f.cohortRate).toBeCloseTo(0.65, 10);
    expect(f.diff).toBeCloseTo(-0.15, 10);
    expect(f.ci![0]).toBeCloseTo(-0.5, 10);
    expect(f.ci![1]).toBeCloseTo(0.2, 10);
    expect(f.verdict).toBe('tie');
    expect(f.coverage).toEqual({
      totalPoints: 20,
      scoredPoints: 10,
      pendingPoints: 10,
      notScoredPoints: 0,
      notApplicablePoints: 0,
    });
    expect(f.percentile).toBeCloseTo(50, 10);
  });

  it('counts only the questions the rates use, and says which were left out and why', () => {
    const f = figure(report, 'A', 'overall', 'all');
    expect(f.questions).toBe(2);
    expect(f.basis).toEqual({ points: 10, objectivePoints: 10 });
    expect(f.leftOut).toEqual({ pending: 1, notScored: 0, notApplicable: 0, noCohort: 0 });
    // q4 scored (2 of 4 points) but missing from the cohort; q5 an image question the model could not see; q6 a refusal.
    const extra = [q('q4', false, 4), q('q5', true, 5), q('q6', true, 5)];
    const r = buildReport(
      input({
        questions: [...input().questions, ...extra],
        units: [
          ...input().units,
          unit('A', 'q4', 2),
          { ...unit('A', 'q5', null), pending: 0, notApplicable: 1 },
          { ...unit('A', 'q6', null), pending: 0, notScored: 1 },
        ],
      }),
    );
    const g = figure(r, 'A', 'overall', 'all');
    expect(g.questions).toBe(2);
    expect(g.leftOut).toEqual({ pending: 1, notScored: 1, notApplicable: 1, noCohort: 1 });
    // The rates are those of q1 and q2 alone: q4's score is not in them.
    expect(g.modelRate).toBeCloseTo(0.5, 10);
    expect(g.cohortRate).toBeCloseTo(0.65, 10);
    // Without any cohort statistics the model's rate rests on its scored questions, and says so.
    const none = figure(buildReport(input({ cohorts: [] })), 'A', 'overall', 'all');
    expect(none.questions).toBe(2);
    expect(none.modelRate).toBeCloseTo(0.5, 10);
    expect(none.cohortRate).toBeNull();
  });

  it('reports the subjective slice as pending, with the markers’ agreement beside it', () => {
    const f = figure(report, 'A', 'objectivity', 'subjective');
    expect(f.modelRate).toBeNull();
    expect(f.diff).toBeNull();
    expect(f.coverage.pendingPoints).toBe(10);
    const expected = agreement(q3Pairs, 0, 10, 1);
    expect(f.agreement).toEqual({ ...expected, flagged: false });
    expect(expected.exact).toBe(0.5);
    expect(expected.adjacent).toBe(1);
    expect(figure(report, 'A', 'objectivity', 'objective').agreement).toBeNull();
  });

  it('splits by tag and type', () => {
    const tag = figure(report, 'A', 'tag', 'functions');
    // q1 and q3 carry the tag; q3 is pending, so the rates rest on q1 alone.
    expect(tag.questions).toBe(1);
    expect(tag.leftOut).toEqual({ pending: 1, notScored: 0, notApplicable: 0, noCohort: 0 });
    expect(tag.modelRate).toBeCloseTo(1, 10);
    expect(tag.cohortRate).toBeCloseTo(0.8, 10);
    expect(figure(report, 'A', 'type', 'single_choice').diff).toBeCloseTo(-0.15, 10);
  });

  it('gives the change since the previous run of the same model with a paired interval', () => {
    const f = figure(report, 'B', 'overall', 'all');
    // q1 unchanged, q2 +5: +5 of 10 points = +0.50; resampled pairs give 0 ({q1,q1}), 0.5 or 1 ({q2,q2}).
    expect(f.change!.previousKey).toBe('A');
    expect(f.change!.diff).toBeCloseTo(0.5, 10);
    expect(f.change!.ci).toEqual([0, 1]);
    expect(f.change!.verdict).toBe('tie');
    expect(figure(report, 'A', 'overall', 'all').change).toBeNull();
  });

  it('calls a difference when the whole interval is on one side of zero', () => {
    const f = figure(
      buildReport(input({ units: [unit('A', 'q1', 5), unit('A', 'q2', 5)] })),
      'A',
      'overall',
      'all',
    );
    expect(f.diff).toBeCloseTo(0.35, 10);
    expect(f.ci![0]).toBeGreaterThan(0);
    expect(f.verdict).toBe('above');
  });

  it('flags subjective figures where the markers disagree too much', () => {
    const pairs: [number, number][] = [
      [0, 10],
      [10, 0],
      [5, 5],
      [2, 9],
    ];
    const r = buildReport(input({ agreementPairs: new Map([['q3', { pairs, tolerance: 1 }]]) }));
    expect(figure(r, 'A', 'objectivity', 'subjective').agreement!.flagged).toBe(true);
  });

  it('is reproducible from its seed, and uses student replicates when the cohort has a matrix', () => {
    expect(buildReport(input())).toEqual(report);
    const replicates = Array.from({ length: 50 }, (_, b) => [4 + (b % 2 ? 0.5 : -0.5), 2.5, 5]);
    const withMatrix = input();
    withMatrix.cohorts[0] = {
      ...withMatrix.cohorts[0],
      replicates,
      replicateQuestions: ['q1', 'q2', 'q3'],
    };
    const f = figure(buildReport(withMatrix), 'A', 'overall', 'all');
    expect(f.diff).toBeCloseTo(-0.15, 10);
    // Student uncertainty widens the upper end: {q1,q1} now gives (10 − 7)/10 or (10 − 9)/10.
    expect(f.ci![1]).toBeCloseTo(0.3, 10);
  });

  it('draws a heat map of model and cohort rates per question, pending cells apart', () => {
    expect(
      report.heatMap.map((h) => [h.number, h.cohortRate, h.cells.map((c) => c.rate ?? c.state)]),
    ).toEqual([
      ['q1', 0.8, [1, 1]],
      ['q2', 0.5, [0, 1]],
      ['q3', 0.5, ['pending', 'pending']],
    ]);
  });
});
