/**
 * Percentiles and score distributions. A distribution is kept as a histogram of [value, count]
 * pairs sorted by value, which is how cohorts store their students' totals: 10,000 students with
 * half-point totals need a few hundred pairs, not 10,000 numbers.
 */
export type Histogram = [value: number, count: number][];

/** Linear-interpolation quantile (type 7, the default of R and NumPy) of sorted values. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function histogramOf(values: Iterable<number>, step = 0.5): Histogram {
  const counts = new Map<number, number>();
  for (const v of values) {
    const b = Math.round(v / step) * step;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Mid-rank percentile of x in a histogram: the share of the cohort strictly below x plus half the
 * share equal to it, times 100. A model that ties every student sits at the 50th percentile.
 */
export function percentileRank(
  hist: Histogram,
  x: number,
  eps = 1e-9,
): { below: number; equal: number; n: number } {
  let below = 0;
  let equal = 0;
  let n = 0;
  for (const [v, c] of hist) {
    n += c;
    if (v < x - eps) below += c;
    else if (Math.abs(v - x) <= eps) equal += c;
  }
  return { below, equal, n };
}

export function percentileOf(parts: { below: number; equal: number; n: number }[]): number | null {
  const n = parts.reduce((a, p) => a + p.n, 0);
  if (!n) return null;
  return (100 * parts.reduce((a, p) => a + p.below + p.equal / 2, 0)) / n;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

export function standardDeviation(xs: ArrayLike<number>): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
