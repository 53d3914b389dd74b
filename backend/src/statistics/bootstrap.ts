import { quantile } from './distribution';
import { Random, seededRandom } from './random';

/**
 * The nonparametric bootstrap: `statistic` is called once per replicate with a seeded generator
 * and returns that replicate's value (it does its own resampling, so stratified and two-way
 * designs fit the same function). Same seed, same replicates, same interval.
 */
export function bootstrap(
  replicates: number,
  seed: number,
  statistic: (b: number, random: Random) => number,
): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) out[b] = statistic(b, random);
  return out;
}

/** Percentile interval (2.5% and 97.5% for level 0.95) of bootstrap replicates; NaN replicates are dropped. */
export function percentileInterval(
  replicates: Float64Array,
  level = 0.95,
): [number, number] | null {
  // x === x is false only for NaN: the ratio replicates are NaN where every weight is zero.
  let n = 0;
  const finite = new Float64Array(replicates.length);
  for (let b = 0; b < replicates.length; b++)
    if (replicates[b] === replicates[b]) finite[n++] = replicates[b];
  finite.subarray(0, n).sort();
  return n < 2 ? null : interval(finite.subarray(0, n), level);
}

function interval(finite: Float64Array, level: number): [number, number] {
  const tail = (1 - level) / 2;
  return [quantile(finite, tail), quantile(finite, 1 - tail)];
}

// P(Poisson(1) ≤ k) for k = 0..8; beyond 8 has probability below 1e-6 and is folded into 9.
const POISSON_1_CDF = [
  0.36787944, 0.73575888, 0.9196986, 0.98101184, 0.99634015, 0.99940582, 0.99991676, 0.99998975,
  0.99999887,
];

/**
 * Poisson bootstrap weights: each item counts Poisson(1) times in each replicate (instead of a
 * multinomial draw of n). Independent per item, so one set of weights per question serves every
 * subset of questions a report slices, and the same question gets the same weights for every
 * model (paired comparisons). Hanley & MacGibbon (2006); Chamandy et al. (2012).
 */
export function poissonWeights(replicates: number, random: Random): Float64Array {
  const out = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    const u = random();
    let k = 0;
    while (k < POISSON_1_CDF.length && u > POISSON_1_CDF[k]) k++;
    out[b] = k;
  }
  return out;
}

/** An index drawn uniformly from 0..n−1 (random() < 1, so the product floors below n). */
export function draw(random: Random, n: number): number {
  return (random() * n) | 0;
}

/**
 * Student-resampled question means: replicate b holds, for each question, the mean score of n
 * students drawn with replacement. `scores[s * q + j]` is student s's score on question j.
 * Computed once when a cohort is imported, so the report combines them with question resampling
 * without reading 10,000 students again.
 */
export function studentReplicates(
  scores: Float64Array,
  students: number,
  questions: number,
  replicates: number,
  seed: number,
): number[][] {
  const random = seededRandom(seed);
  const out: number[][] = [];
  const sums = new Float64Array(questions);
  for (let b = 0; b < replicates; b++) {
    sums.fill(0);
    for (let i = 0; i < students; i++) {
      const base = draw(random, students) * questions;
      for (let j = 0; j < questions; j++) sums[j] += scores[base + j];
    }
    out.push(Array.from(sums, (s) => Math.round((s / students) * 1e4) / 1e4));
  }
  return out;
}
