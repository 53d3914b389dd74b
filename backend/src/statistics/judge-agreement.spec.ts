import { quadraticWeightedKappa } from './agreement';
import {
  confusionMatrix,
  itemAgreement,
  meanDifference,
  pairFigures,
  standardisedMeanDifference,
} from './judge-agreement';
import { seededRandom } from './random';

/**
 * A lenient judge on six answers of a 0–2 question, as [judge, human]:
 *   (0,0) (1,1) (2,2) (2,1) (1,0) (2,2)
 * exact: 4 of 6 equal → 2/3; adjacent (tolerance 1): all 6 → 1.
 * judge scores 0,1,2,2,1,2: mean 8/6 = 4/3; squared deviations 16/9,1/9,4/9,4/9,1/9,4/9 = 30/9, sample var 30/9/5 = 2/3.
 * human scores 0,1,2,1,0,2: mean 1; squared deviations 1,0,1,0,1,1 = 4, sample var 4/5.
 * mean difference = 4/3 − 1 = 1/3.
 * pooled SD = sqrt((2/3 + 4/5) / 2) = sqrt(11/15) = 0.8563488…; SMD = (1/3) / 0.8563488 = 0.3892495…
 * QWK by the table: observed off-diagonal (2,1) and (1,0), each weight (1/2)² → Σw·O = 1/2;
 * judge marginals r = (1,2,3), human c = (2,2,2); Σ(i−j)²·rᵢ·cⱼ = 10 + 8 + 30 = 48, /4 (weights) /6 (n) = 2;
 * QWK = 1 − (1/2)/2 = 0.75.
 */
const LENIENT: [number, number][] = [
  [0, 0],
  [1, 1],
  [2, 2],
  [2, 1],
  [1, 0],
  [2, 2],
];
const SCALE = { min: 0, max: 2, tolerance: 1, step: 1 };

describe('judge agreement figures', () => {
  it('match the hand-computed table', () => {
    const f = pairFigures(LENIENT, SCALE, { seed: 1, replicates: 200 });
    expect(f.n).toBe(6);
    expect(f.exact.value).toBeCloseTo(2 / 3, 12);
    expect(f.adjacent.value).toBe(1);
    expect(f.qwk.value).toBeCloseTo(0.75, 12);
    expect(f.meanDiff.value).toBeCloseTo(1 / 3, 12);
    expect(f.smd.value).toBeCloseTo(1 / 3 / Math.sqrt(11 / 15), 12);
    expect(f.smd.value).toBeCloseTo(0.3892495, 6);
    expect(meanDifference(LENIENT)).toBeCloseTo(1 / 3, 12);
    expect(standardisedMeanDifference(LENIENT)).toBeCloseTo(0.3892495, 6);
  });

  it('has severity negative: the same table with the readers swapped', () => {
    const swapped = LENIENT.map(([a, b]) => [b, a] as [number, number]);
    const f = pairFigures(swapped, SCALE, { seed: 1, replicates: 50 });
    expect(f.meanDiff.value).toBeCloseTo(-1 / 3, 12);
    expect(f.smd.value).toBeCloseTo(-0.3892495, 6);
    expect(f.qwk.value).toBeCloseTo(0.75, 12);
  });

  it('computes the same QWK as the table form in agreement.ts (moments identity), half-point scale', () => {
    const random = seededRandom(7);
    const pairs: [number, number][] = Array.from({ length: 300 }, () => {
      const h = Math.round(random() * 12) / 2;
      const j = Math.min(6, Math.max(0, h + Math.round((random() - 0.4) * 4) / 2));
      return [j, h];
    });
    const f = pairFigures(pairs, { min: 0, max: 6, tolerance: 0.5 }, { seed: 3, replicates: 10 });
    expect(f.qwk.value).toBeCloseTo(quadraticWeightedKappa(pairs, 0, 6, 0.5)!, 10);
  });

  it('gives intervals that contain the estimate and repeat with the seed', () => {
    const random = seededRandom(11);
    const pairs: [number, number][] = Array.from({ length: 120 }, () => {
      const h = Math.floor(random() * 5);
      return [Math.min(4, h + (random() < 0.3 ? 1 : 0)), h];
    });
    const scale = { min: 0, max: 4, tolerance: 1, step: 1 };
    const f = pairFigures(pairs, scale, { seed: 5 });
    for (const e of [f.exact, f.adjacent, f.qwk, f.meanDiff, f.smd]) {
      expect(e.ci).not.toBeNull();
      expect(e.ci![0]).toBeLessThanOrEqual(e.value!);
      expect(e.ci![1]).toBeGreaterThanOrEqual(e.value!);
    }
    // the judge adds a point on ~30% of answers: lenient, and the whole interval says so
    expect(f.meanDiff.ci![0]).toBeGreaterThan(0);
    expect(pairFigures(pairs, scale, { seed: 5 })).toEqual(f);
    expect(pairFigures(pairs, scale, { seed: 6 }).qwk.ci).not.toEqual(f.qwk.ci);
  });

  it('is undefined where it must be: no pairs, no spread', () => {
    const none = pairFigures([], SCALE, { seed: 1 });
    expect(none.n).toBe(0);
    expect(none.qwk).toEqual({ value: null, ci: null });
    // everyone 1 by both: agreement is perfect but kappa and SMD have nothing to judge (SMD 0: no difference)
    const flat = pairFigures(
      [
        [1, 1],
        [1, 1],
      ],
      SCALE,
      { seed: 1, replicates: 20 },
    );
    expect(flat.exact.value).toBe(1);
    expect(flat.qwk.value).toBeNull();
    expect(flat.smd.value).toBe(0);
    // a constant judge one point above a constant human: a difference with no spread to scale it by
    expect(
      standardisedMeanDifference([
        [2, 1],
        [2, 1],
      ]),
    ).toBeNull();
  });
});

describe('per-item agreement', () => {
  /**
   * Items A and B on four answers (judge | human):
   *   1: A B | A B      2: A | A B      3: – | –      4: A | B
   * A: (1,1) (1,1) (0,0) (1,0) → agree 3/4; p_o = .75, judge applies 3/4, human 2/4,
   *    p_e = .75·.5 + .25·.5 = .5, κ = (.75 − .5)/(1 − .5) = 0.5.
   * B: (1,1) (0,1) (0,0) (0,1) → agree 2/4; judge 1/4, human 3/4,
   *    p_e = .25·.75 + .75·.25 = .375, κ = (.5 − .375)/(1 − .375) = 0.2.
   */
  it('matches the hand-computed table', () => {
    const reads = [
      { a: ['A', 'B'], b: ['A', 'B'] },
      { a: ['A'], b: ['A', 'B'] },
      { a: [], b: [] },
      { a: ['A'], b: ['B'] },
    ];
    const [a, b] = itemAgreement(reads, ['A', 'B']);
    expect(a).toMatchObject({ itemId: 'A', n: 4, appliedA: 3, appliedB: 2, agreement: 0.75 });
    expect(a.kappa).toBeCloseTo(0.5, 12);
    expect(b).toMatchObject({ itemId: 'B', n: 4, appliedA: 1, appliedB: 3, agreement: 0.5 });
    expect(b.kappa).toBeCloseTo(0.2, 12);
  });
});

describe('confusion matrix', () => {
  it('counts the joint table of the lenient judge', () => {
    const m = confusionMatrix(LENIENT, SCALE);
    expect(m.scores).toEqual([0, 1, 2]);
    // rows: judge 0,1,2; columns: human 0,1,2
    expect(m.counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 2],
    ]);
  });
});
