import { bootstrap, draw, percentileInterval, studentReplicates } from './bootstrap';
import { mean, standardDeviation } from './distribution';
import { normal, seededRandom } from './random';

const meanOfResample = (xs: number[]) => (_b: number, random: () => number) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[draw(random, xs.length)];
  return s / xs.length;
};

describe('bootstrap', () => {
  const random = seededRandom(7);
  const sample = Array.from({ length: 400 }, () => 50 + 10 * normal(random));

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const a = percentileInterval(bootstrap(1000, 42, meanOfResample(sample)));
    const b = percentileInterval(bootstrap(1000, 42, meanOfResample(sample)));
    const c = percentileInterval(bootstrap(1000, 43, meanOfResample(sample)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('matches the normal-theory interval of a mean (x̄ ± 1.96 s/√n) within a tenth of its width', () => {
    const [lo, hi] = percentileInterval(bootstrap(4000, 1, meanOfResample(sample)))!;
    const m = mean(sample);
    const half = (1.96 * standardDeviation(sample)) / Math.sqrt(sample.length);
    expect(Math.abs(lo - (m - half))).toBeLessThan(0.1 * 2 * half);
    expect(Math.abs(hi - (m + half))).toBeLessThan(0.1 * 2 * half);
  });

  it('drops replicates that are not numbers and refuses intervals from fewer than two', () => {
    expect(percentileInterval(Float64Array.from([NaN, 1, 2, 3]))).toEqual([1.05, 2.95]);
    expect(percentileInterval(Float64Array.from([NaN, 1]))).toBeNull();
  });

  it('draws student-resampled question means centred on the observed means', () => {
    // Two questions, four students: question means 2.5 and 1.
    const scores = Float64Array.from([0, 1, 2, 1, 3, 1, 5, 1]);
    const reps = studentReplicates(scores, 4, 2, 2000, 9);
    expect(reps).toHaveLength(2000);
    expect(mean(reps.map((r) => r[0]))).toBeCloseTo(2.5, 1);
    expect(reps.every((r) => r[1] === 1)).toBe(true);
    expect(studentReplicates(scores, 4, 2, 5, 9)).toEqual(studentReplicates(scores, 4, 2, 5, 9));
  });
});
