import { Resampler } from './report';
import { ModelUnit, ReportCohort, ReportQuestion } from './report.types';
import { findingsOf, Finding } from './findings';
import { anchorsOf, fieldOf, intervalOf, RoundData } from './rounds';

/*
 * Two rounds on different papers, every figure computed by hand (10-point questions unless said).
 *
 * Round 1 "2024 春" (paper P1, senior maths, synthetic cohort, means 5 and 5): model X scores 2 and 3.
 *   X: rate 5/20 = 0.25, students 0.50, difference −0.25, ratio 0.5.
 *   Per question: m1 −0.3 (ratio 0.4), m2 −0.2 (ratio 0.6).
 * With two questions, a Poisson-bootstrap replicate is a weighted mean of the two per-question
 * values; each question alone (weight > 0, the other 0) has probability 0.233 of the 0.865 that
 * are not empty (27%), far above 2.5%: the 95% interval is [smaller value, larger value].
 *   → X below the students, CI [−0.3, −0.2].
 *
 * Round 2 "2024 秋冬" (held later): P2 junior maths (real cohort, means 4, 4, and n3 of 5 points,
 * mean 2), P3 senior history (synthetic cohort, means 5, 5).
 *   X: n1 8, n2 6, n3 pending; h1 3, h2 6.   Y: n1 5, n2 3; h1 5, h2 5.
 *   Maths  X: 14/20 = 0.70 vs 0.40 → +0.30, per question +0.4, +0.2 → CI [0.2, 0.4]: above.
 *          Y: 8/20 = 0.40 vs 0.40 → 0, per question +0.1, −0.1 → CI [−0.1, 0.1]: tie.
 *   History X: 9/20 = 0.45 vs 0.50 → −0.05, per question −0.2, +0.1 → CI [−0.2, 0.1]: tie.
 *           Y: 10/20 → 0, per question 0, 0 → CI [0, 0]: tie (zero is inside).
 *   → maths: some model above (X); history: none.
 *   Overall X: 23/40 = 0.575 vs 18/40 = 0.45 → +0.125, ratio 23/18 = 1.2778; per question +0.4, +0.2, −0.2, +0.1 → CI [−0.2, 0.4]: tie.
 *   Overall Y: 18/40 = 0.45 → 0, ratio 1; per question +0.1, −0.1, 0, 0: zero inside → tie.
 *   Field: best +0.125 (X), median = mean = +0.0625.
 *   Humanities − sciences index: X −0.05 − 0.30 = −0.35; the two groups' questions are disjoint,
 *   so the index replicate is (history value) − (maths value), each one of its two per-question
 *   values in at least 27% × 27% = 7% of replicates: CI [−0.2 − 0.4, 0.1 − 0.2] = [−0.6, −0.1]
 *   → reversed (理强文弱). Y: 0 − 0 = 0, CI [0 − 0.1, 0 + 0.1] = [−0.1, 0.1] → tie. Holds for 0 of 2.
 *   Change for X (the only model in both): ratio 1.2778 / 0.5 − 1 = +155.6%; difference
 *   +0.125 − (−0.25) = +0.375. The ratio replicates lie in [0.6, 2] now (per-question ratios 2,
 *   1.5, 0.6, 1.2) and [0.4, 0.6] before, so the change lies in [0, 4]; it is 0 only when h1
 *   alone and m2 alone are drawn (under 1% of replicates), so the interval's low end is above 0: up.
 *   Field change (the fields differ: X, then X and Y): mean ratio (1.2778 + 1) / 2 = 1.1389 vs 0.5
 *   → +127.8%; mean difference +0.0625 − (−0.25) = +0.3125.
 */
const q = (
  id: string,
  paperVersionId: string,
  subject: string,
  stage: string,
  maxPoints = 10,
): ReportQuestion => ({
  id,
  paperVersionId,
  paperTitle: paperVersionId,
  number: id,
  subject,
  group: subject === 'history' ? 'humanities' : 'sciences',
  type: 'calculation',
  isObjective: false,
  tags: [],
  grade: stage === 'junior' ? 9 : 12,
  stage,
  maxPoints,
});
const cohort = (
  paperVersionId: string,
  isSynthetic: boolean,
  means: [string, number][],
): ReportCohort => ({
  id: `C-${paperVersionId}`,
  paperVersionId,
  name: paperVersionId,
  isSynthetic,
  students: 100,
  means: new Map(means),
  replicates: null,
  replicateQuestions: [],
});
const u = (entryKey: string, questionId: string, score: number | null): ModelUnit => ({
  entryKey,
  questionId,
  scored: score === null ? 0 : 1,
  score,
  pending: score === null ? 1 : 0,
  notScored: 0,
  notApplicable: 0,
});
const entry = (run: string, model: string) => ({
  key: `${run}:${model}`,
  runId: run,
  runName: run,
  modelId: model,
  modelName: model,
  previousKey: null,
});

const round1: RoundData = {
  roundId: 'R1',
  questions: [q('m1', 'P1', 'math', 'senior'), q('m2', 'P1', 'math', 'senior')],
  cohorts: [
    cohort('P1', true, [
      ['m1', 5],
      ['m2', 5],
    ]),
  ],
  entries: [entry('run1', 'X')],
  units: [u('run1:X', 'm1', 2), u('run1:X', 'm2', 3)],
};
const round2: RoundData = {
  roundId: 'R2',
  questions: [
    q('n1', 'P2', 'math', 'junior'),
    q('n2', 'P2', 'math', 'junior'),
    q('n3', 'P2', 'math', 'junior', 5),
    q('h1', 'P3', 'history', 'senior'),
    q('h2', 'P3', 'history', 'senior'),
  ],
  cohorts: [
    cohort('P2', false, [
      ['n1', 4],
      ['n2', 4],
      ['n3', 2],
    ]),
    cohort('P3', true, [
      ['h1', 5],
      ['h2', 5],
    ]),
  ],
  entries: [entry('run2', 'X'), entry('run3', 'Y')],
  units: [
    u('run2:X', 'n1', 8),
    u('run2:X', 'n2', 6),
    u('run2:X', 'n3', null),
    u('run2:X', 'h1', 3),
    u('run2:X', 'h2', 6),
    u('run3:Y', 'n1', 5),
    u('run3:Y', 'n2', 3),
    u('run3:Y', 'h1', 5),
    u('run3:Y', 'h2', 5),
  ],
};

const groups = { humanities: 'humanities', sciences: 'sciences' };
const resampler = new Resampler(1000, 7);
const a1 = anchorsOf(round1, resampler);
const a2 = anchorsOf(round2, resampler);
const both = findingsOf({
  current: { id: 'R2', name: '2024 秋冬', anchors: a2 },
  previous: { id: 'R1', name: '2024 春', anchors: a1 },
  groups,
});
const only = findingsOf({
  current: { id: 'R1', name: '2024 春', anchors: a1 },
  previous: null,
  groups,
});

const find = (fs: Finding[], code: string, params: Record<string, unknown> = {}) => {
  const hits = fs.filter(
    (f) => f.code === code && Object.entries(params).every(([k, v]) => f.params[k] === v),
  );
  expect(hits).toHaveLength(1);
  return hits[0];
};
const ci = (f: Finding, name: string) => [
  f.params[`${name}Low`] as number,
  f.params[`${name}High`] as number,
];

describe('round anchors (difference and ratio to the students on the same paper)', () => {
  it('anchors each model per slice on its scored questions, pending points apart', () => {
    const x = a2.find((a) => a.entryKey === 'run2:X' && a.dimension === 'overall')!;
    expect(x.modelRate).toBeCloseTo(0.575, 10);
    expect(x.studentRate).toBeCloseTo(0.45, 10);
    expect(x.diff.value).toBeCloseTo(0.125, 10);
    expect(x.ratio.value).toBeCloseTo(23 / 18, 10);
    expect(x.restsOn).toMatchObject({
      totalPoints: 45,
      scoredPoints: 40,
      pendingPoints: 5,
      comparablePoints: 40,
      questions: 4,
      cohorts: 2,
      synthetic: true,
    });
    const maths = a2.find(
      (a) => a.entryKey === 'run2:X' && a.dimension === 'subject' && a.value === 'math',
    )!;
    expect(maths.restsOn.synthetic).toBe(false);
    expect(intervalOf(maths.diff)![0]).toBeCloseTo(0.2, 10);
    expect(intervalOf(maths.diff)![1]).toBeCloseTo(0.4, 10);
  });

  it('takes the field replicate by replicate: best, median and mean of the models', () => {
    const overall = a2.filter((a) => a.dimension === 'overall');
    expect(fieldOf(overall, 'best').value).toBeCloseTo(0.125, 10);
    expect(fieldOf(overall, 'median').value).toBeCloseTo(0.0625, 10);
    expect(fieldOf(overall, 'mean', (a) => a.ratio).value).toBeCloseTo((23 / 18 + 1) / 2, 10);
    // The best of two is never below either model, replicate by replicate.
    const best = fieldOf(overall, 'best').reps;
    const x = overall.find((a) => a.modelId === 'X')!.diff.reps;
    for (let b = 0; b < best.length; b++)
      if (best[b] === best[b]) expect(best[b]).toBeGreaterThanOrEqual(x[b]);
  });
});

describe('headline findings on two rounds with different papers', () => {
  it('states each model against the students overall, and a zero-including interval as a tie', () => {
    // X is +0.125 ahead on the point, but h1 alone (−0.2) and n1 alone (+0.4) each come up in 3.2%
    // of the replicates (0.632 × 0.368³ / (1 − 0.368⁴)), more than 2.5%: the interval is [−0.2, 0.4], a tie.
    const x = find(both, 'finding.model_vs_students.tie', { dimension: 'overall', model: 'X' });
    expect(x.params.diff).toBeCloseTo(0.125, 10);
    expect(x.params.ratio).toBeCloseTo(23 / 18, 10);
    expect(ci(x, 'diff')[0]).toBeCloseTo(-0.2, 10);
    expect(ci(x, 'diff')[1]).toBeCloseTo(0.4, 10);
    const y = find(both, 'finding.model_vs_students.tie', { dimension: 'overall', model: 'Y' });
    expect(y.params.diff).toBeCloseTo(0, 10);
    expect(ci(y, 'diff')[0]).toBeLessThan(0);
    expect(ci(y, 'diff')[1]).toBeGreaterThan(0);
    expect(y.drill).toEqual({ roundId: 'R2', entry: 'run3:Y', dimension: 'overall', value: 'all' });
    // The best and the median model: X is best overall, still a tie; in the junior stage (maths) it is above.
    expect(
      find(both, 'finding.field_vs_students.tie', { dimension: 'overall', stat: 'best' }).params
        .model,
    ).toBe('X');
    expect(
      find(both, 'finding.field_vs_students.above', {
        dimension: 'stage',
        value: 'junior',
        stat: 'best',
      }).params.diff,
    ).toBeCloseTo(0.3, 10);
    // The median of two models would be their midpoint (0.0625), no model's figure: not stated.
    expect(
      both.some(
        (f) => f.code.startsWith('finding.field_vs_students') && f.params.stat === 'median',
      ),
    ).toBe(false);
  });

  it('names the stages a model sat in its own sentence, not the round’s', () => {
    // As if Y had sat only the senior paper (its junior stage figure gone); X sat both.
    const anchors = a2.filter(
      (a) => !(a.modelId === 'Y' && a.dimension === 'stage' && a.value === 'junior'),
    );
    const fs = findingsOf({
      current: { id: 'R2', name: '2024 秋冬', anchors },
      previous: null,
      groups,
    });
    const overall = (model: string) =>
      fs.find(
        (f) =>
          f.code.startsWith('finding.model_vs_students.') &&
          f.params.dimension === 'overall' &&
          f.params.model === model,
      )!;
    expect(overall('Y').params.stages).toEqual(['senior']);
    expect(overall('X').params.stages).toEqual(['junior', 'senior']);
    // The field spans what the round spans.
    const best = fs.find(
      (f) => f.code.startsWith('finding.field_vs_students.') && f.params.dimension === 'overall',
    )!;
    expect(best.params.stages).toEqual(['junior', 'senior']);
  });

  it('states it per stage when the round spans stages', () => {
    const junior = find(both, 'finding.model_vs_students.above', {
      dimension: 'stage',
      value: 'junior',
      model: 'X',
    });
    expect(junior.params.diff).toBeCloseTo(0.3, 10);
    const senior = find(both, 'finding.model_vs_students.tie', {
      dimension: 'stage',
      value: 'senior',
      model: 'X',
    });
    expect(senior.params.diff).toBeCloseTo(-0.05, 10);
    expect(ci(senior, 'diff')[0]).toBeCloseTo(-0.2, 10);
    expect(ci(senior, 'diff')[1]).toBeCloseTo(0.1, 10);
  });

  it('measures the change since the previous round through the student anchor, on different papers', () => {
    const x = find(both, 'finding.change.model.up', { dimension: 'overall', model: 'X' });
    expect(x.params.previousRound).toBe('2024 春');
    expect(x.params.relative).toBeCloseTo(23 / 18 / 0.5 - 1, 10);
    expect(x.params.gapChange).toBeCloseTo(0.375, 10);
    const [low, high] = ci(x, 'relative');
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThanOrEqual(4 + 1e-9);
    const mean = find(both, 'finding.change.field.up', { dimension: 'overall', stat: 'mean' });
    expect(mean.params.relative).toBeCloseTo((23 / 18 + 1) / 2 / 0.5 - 1, 10);
    expect(mean.params.gapChange).toBeCloseTo(0.3125, 10);
    expect(
      find(both, 'finding.change.field.up', { dimension: 'overall', stat: 'best' }).params.model,
    ).toBe('X');
    // Senior stage: round 1 maths (ratio 0.5, per question 0.4 and 0.6) against round 2 history
    // (ratio 0.9, per question 0.6 and 1.2): +80%, but 0.6 against 0.6 (7% of replicates) is no
    // change, so the interval is [0, 2] and the finding a tie.
    const senior = find(both, 'finding.change.model.tie', {
      dimension: 'stage',
      value: 'senior',
      model: 'X',
    });
    expect(senior.params.relative).toBeCloseTo(0.8, 10);
    expect(senior.params.gapChange).toBeCloseTo(0.2, 10);
    expect(ci(senior, 'relative')[0]).toBeCloseTo(0, 10);
    expect(ci(senior, 'relative')[1]).toBeCloseTo(2, 10);
  });

  it('compares different models of two rounds only as fields, said once when each round has one', () => {
    const yOnly = findingsOf({
      current: { id: 'R2', name: '2024 秋冬', anchors: a2.filter((a) => a.modelId === 'Y') },
      previous: { id: 'R1', name: '2024 春', anchors: a1 },
      groups,
    });
    const overall = yOnly.filter(
      (f) => f.code.startsWith('finding.change.') && f.params.dimension === 'overall',
    );
    expect(overall.map((f) => f.params.stat)).toEqual(['best']);
    // Y's ratio 1 against X's 0.5 last round: +100%.
    expect(overall[0].params).toMatchObject({ model: 'Y', models: 1, modelsBefore: 1 });
    expect(overall[0].params.relative).toBeCloseTo(1, 10);
  });

  it('says there is no earlier round rather than a change when there is none', () => {
    expect(only.filter((f) => f.code.startsWith('finding.change.')).map((f) => f.code)).toEqual([
      'finding.change.no_previous',
    ]);
    const x = find(only, 'finding.model_vs_students.below', { dimension: 'overall', model: 'X' });
    expect(ci(x, 'diff')[0]).toBeCloseTo(-0.3, 10);
    expect(ci(x, 'diff')[1]).toBeCloseTo(-0.2, 10);
    expect(x.restsOn.synthetic).toBe(true);
  });

  it('lists the subjects where some model is above the students, and those where none is', () => {
    const maths = find(both, 'finding.subject.some_above', { subject: 'math' });
    expect(maths.params.modelsAbove).toEqual(['X']);
    expect(ci(maths, 'diff')[0]).toBeCloseTo(0.2, 10);
    const history = find(both, 'finding.subject.none_above', { subject: 'history' });
    expect(history.params.modelsAbove).toEqual([]);
    // The best model in history (Y, 0 against X's −0.05) still does not beat the students: a tie.
    expect(history.params.model).toBe('Y');
    expect(history.drill).toMatchObject({
      entry: 'run3:Y',
      dimension: 'subject',
      value: 'history',
    });
  });

  it('computes the humanities–sciences index per model with its interval, and whether most models show it', () => {
    const x = find(both, 'finding.gap.model.reverse', { model: 'X' });
    expect(x.params.index).toBeCloseTo(-0.35, 10);
    expect(ci(x, 'index')[0]).toBeCloseTo(-0.6, 10);
    expect(ci(x, 'index')[1]).toBeCloseTo(-0.1, 10);
    // X is weaker in the humanities here: its sentence opens those answers
    expect(x.drill).toMatchObject({ entry: 'run2:X', dimension: 'group', value: 'humanities' });
    const y = find(both, 'finding.gap.model.tie', { model: 'Y' });
    expect(ci(y, 'index')[0]).toBeCloseTo(-0.1, 10);
    expect(ci(y, 'index')[1]).toBeCloseTo(0.1, 10);
    const field = find(both, 'finding.gap.field.not_most');
    expect(field.params).toMatchObject({ holds: 0, models: 2 });
    expect(field.params.index).toBeCloseTo(-0.175, 10);
    // Round 1 has no humanities: the index is unavailable, not zero.
    expect(find(only, 'finding.gap.unavailable').drill).toBeNull();
  });

  it('says what every finding rests on: scored and pending points, synthetic or real students', () => {
    for (const f of both.filter((x) => x.drill))
      expect(f.restsOn.comparablePoints).toBeGreaterThan(0);
    const x = find(both, 'finding.model_vs_students.above', {
      dimension: 'stage',
      value: 'junior',
      model: 'X',
    });
    expect(x.restsOn).toMatchObject({ scoredPoints: 20, pendingPoints: 5, synthetic: false });
    expect(
      find(both, 'finding.model_vs_students.tie', { dimension: 'overall', model: 'X' }).restsOn
        .synthetic,
    ).toBe(true);
    // The field rests on both models' points, but on each cohort once: two papers, 100 students each.
    const field = find(both, 'finding.field_vs_students.tie', {
      dimension: 'overall',
      stat: 'best',
    });
    expect(field.restsOn).toMatchObject({
      scoredPoints: 80,
      pendingPoints: 5,
      cohorts: 2,
      students: 200,
      synthetic: true,
    });
    // A "K12" figure says which stages it spans.
    expect(field.params.stages).toEqual(['junior', 'senior']);
  });
});

describe('the best model: chosen on the point estimate, reported with its own interval', () => {
  it('quotes the best model’s own interval, not the optimistic bootstrap of the maximum, and says it was chosen on the same data', () => {
    // Overall, X (+0.125) is the best on the point estimate; its own interval is [−0.2, 0.4]
    // (h1 alone and n1 alone each come up in 3.2% of the replicates, see above). The replicate-by-
    // replicate maximum of X and Y would start higher: where h1 alone is drawn, X is −0.2 but Y is
    // 0, so the maximum's low end is above X's.
    const best = find(both, 'finding.field_vs_students.tie', {
      dimension: 'overall',
      stat: 'best',
    });
    expect(best.params).toMatchObject({ model: 'X', selectedOnSameData: true });
    expect(best.params.diff).toBeCloseTo(0.125, 10);
    expect(ci(best, 'diff')[0]).toBeCloseTo(-0.2, 10);
    expect(ci(best, 'diff')[1]).toBeCloseTo(0.4, 10);
    expect(best.params.ratio).toBeCloseTo(23 / 18, 10);
    const max = intervalOf(
      fieldOf(
        a2.filter((a) => a.dimension === 'overall'),
        'best',
      ),
    )!;
    expect(max[0]).toBeGreaterThan(-0.2 + 1e-9);
  });

  it('measures the best model’s change as that model’s own change when it is best in both rounds', () => {
    const best = find(both, 'finding.change.field.up', { dimension: 'overall', stat: 'best' });
    const own = find(both, 'finding.change.model.up', { dimension: 'overall', model: 'X' });
    expect(best.params).toMatchObject({ model: 'X', modelBefore: 'X', selectedOnSameData: true });
    expect(best.params.relative).toBeCloseTo(23 / 18 / 0.5 - 1, 10);
    expect(ci(best, 'relative')).toEqual(ci(own, 'relative'));
  });
});

describe('simulated models and narrowed slices', () => {
  const simulated: RoundData = {
    ...round2,
    entries: [entry('run2', 'X'), { ...entry('run3', 'Y'), isSimulated: true }],
  };
  const fs = findingsOf({
    current: { id: 'R2', name: '2024 秋冬', anchors: anchorsOf(simulated, resampler) },
    previous: null,
    groups,
  });

  it('says which findings rest on a simulated model: its own, and the field’s that include it', () => {
    expect(
      find(fs, 'finding.model_vs_students.tie', { dimension: 'overall', model: 'Y' }).restsOn
        .simulated,
    ).toBe(true);
    expect(
      find(fs, 'finding.model_vs_students.tie', { dimension: 'overall', model: 'X' }).restsOn
        .simulated,
    ).toBe(false);
    expect(
      find(fs, 'finding.field_vs_students.tie', { dimension: 'overall', stat: 'best' }).restsOn
        .simulated,
    ).toBe(true);
    expect(find(fs, 'finding.gap.model.reverse', { model: 'X' }).restsOn.simulated).toBe(false);
    expect(
      find(both, 'finding.field_vs_students.tie', { dimension: 'overall', stat: 'best' }).restsOn
        .simulated,
    ).toBe(false);
  });

  it('says the filter is why there is no humanities–sciences index or no change, naming the side that is there', () => {
    const mathsOnly = anchorsOf(
      { ...round2, questions: round2.questions.filter((x) => x.subject === 'math') },
      resampler,
    );
    const narrowed = findingsOf({
      current: { id: 'R2', name: '2024 秋冬', anchors: mathsOnly },
      previous: { id: 'R1', name: '2024 春', anchors: [] },
      groups,
      narrowed: true,
    });
    const gap = find(narrowed, 'finding.gap.unavailable.filtered');
    expect(gap.params).toMatchObject({ present: ['sciences'], missing: ['humanities'] });
    expect(gap.drill).toBeNull();
    find(narrowed, 'finding.change.not_comparable.filtered', { previousRound: '2024 春' });
    // Without a filter the same gap is the round's own.
    expect(find(only, 'finding.gap.unavailable').params).toMatchObject({
      present: ['sciences'],
      missing: ['humanities'],
    });
  });
});
