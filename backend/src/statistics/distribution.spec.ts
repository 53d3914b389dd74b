import {
  histogramOf,
  mean,
  percentileOf,
  percentileRank,
  quantile,
  standardDeviation,
} from './distribution';

describe('quantile (type 7, as NumPy and R by default)', () => {
  it.each([
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.975, 3.925],
    [[10], 0.9, 10],
    [[1, 3, 5, 7, 9], 0.1, 1.8],
  ])('quantile(%j, %d) = %d', (xs, p, expected) => {
    expect(quantile(xs, p)).toBeCloseTo(expected, 10);
  });
});

describe('percentile rank in a histogram (mid-rank)', () => {
  const hist = histogramOf([0, 2.5, 5, 5, 7.5, 10]);
  it('counts below, equal and total', () => {
    expect(hist).toEqual([
      [0, 1],
      [2.5, 1],
      [5, 2],
      [7.5, 1],
      [10, 1],
    ]);
    expect(percentileRank(hist, 5)).toEqual({ below: 2, equal: 2, n: 6 });
  });
  it('puts a tie with everyone at the 50th percentile, above everyone at the 100th', () => {
    expect(percentileOf([percentileRank(hist, 5)])).toBeCloseTo(50, 10);
    expect(percentileOf([percentileRank(hist, 11)])).toBe(100);
    expect(percentileOf([percentileRank(hist, -1)])).toBe(0);
    expect(percentileOf([percentileRank([[3, 4]], 3)])).toBe(50);
  });
  it('pools several cohorts by their sizes', () => {
    // 1 of 2 below in the first, 3 of 4 below in the second: 4 of 6.
    const a = percentileRank(histogramOf([1, 9]), 5);
    const b = percentileRank(histogramOf([1, 2, 3, 9]), 5);
    expect(percentileOf([a, b])).toBeCloseTo((100 * 4) / 6, 10);
    expect(percentileOf([])).toBeNull();
  });
  it('computes the sample mean and standard deviation', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
  });
});
