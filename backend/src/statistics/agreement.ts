/**
 * Agreement between two raters on the same answers: exact and adjacent agreement, and Cohen's
 * quadratic weighted kappa (QWK) on a score scale. Pure functions; scores are binned to `step`
 * (half points by default) so that fractional marks fall on the scale.
 */

import type { Agreement } from '@yuejuan/contracts';

// Bound once: global lookups are slow inside jest's vm sandbox, where the benchmarks run.
const { min: minOf, max: maxOf, round, abs } = Math;

/** Its shape is the client's too (the monitor and report pages show it). */
export type { Agreement } from '@yuejuan/contracts';

/**
 * QWK = 1 − Σ w·O / Σ w·E with w_ij = (i − j)² / (k − 1)², O the observed joint distribution and E
 * the product of the marginals. Null when there are no pairs or no spread to judge (E all on the
 * diagonal), as kappa is undefined there.
 */
export function quadraticWeightedKappa(
  pairs: [number, number][],
  min: number,
  max: number,
  step = 0.5,
): number | null {
  if (!pairs.length) return null;
  const k = round((max - min) / step) + 1;
  if (k < 2) return null;
  const bin = (x: number) => minOf(k - 1, maxOf(0, round((x - min) / step)));
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  for (const [a, b] of pairs) {
    const i = bin(a);
    const j = bin(b);
    observed[i][j] += 1;
    rowTotals[i] += 1;
    colTotals[j] += 1;
  }
  const n = pairs.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const w = ((i - j) * (i - j)) / ((k - 1) * (k - 1));
      num += w * observed[i][j];
      den += (w * rowTotals[i] * colTotals[j]) / n;
    }
  return den === 0 ? null : 1 - num / den;
}

/** Exact (equal), adjacent (within `tolerance`, default one step) and QWK over the pairs. */
export function agreement(
  pairs: [number, number][],
  min: number,
  max: number,
  tolerance = 1,
  step = 0.5,
): Agreement {
  if (!pairs.length) return { n: 0, exact: null, adjacent: null, qwk: null };
  const exact = pairs.filter(([a, b]) => abs(a - b) < 1e-9).length / pairs.length;
  const adjacent = pairs.filter(([a, b]) => abs(a - b) <= tolerance + 1e-9).length / pairs.length;
  return { n: pairs.length, exact, adjacent, qwk: quadraticWeightedKappa(pairs, min, max, step) };
}
