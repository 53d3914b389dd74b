import { draw, percentileInterval } from './bootstrap';
import { seededRandom } from './random';
import type { Confusion, Estimate, ItemAgreement, PairFigures } from '@yuejuan/contracts';

/**
 * Agreement of one reader (a judge, or a second teacher) with another on the same answers, the
 * figures operational automated scoring reports (Williamson, Xi & Breyer 2012, "A framework for
 * evaluation and use of automated scoring", Educational Measurement: Issues and Practice 31(1)):
 * exact and adjacent agreement, quadratic weighted kappa, the mean difference (a − b: a judge's
 * leniency when positive, severity when negative) and the standardised mean difference
 *   SMD = (mean_a − mean_b) / sqrt((sd_a² + sd_b²) / 2),
 * the mean difference in pooled standard deviations (sample SDs), as defined there.
 * Each figure comes with a seeded bootstrap percentile interval over answers. Pure functions.
 */

// Bound once: global lookups are slow inside jest's vm sandbox, where the benchmarks run.
const { abs, sqrt, round, min: minOf, max: maxOf } = Math;

export interface Scale {
  min: number;
  max: number;
  /** Two scores "agree adjacently" when they differ by at most this (the question's marking tolerance). */
  tolerance: number;
  /** Scores are binned to this step for kappa (half points by default), as in agreement.ts. */
  step?: number;
}

// The figures' shapes are the judge-quality page's too: defined once in @yuejuan/contracts.
export type { Estimate, PairFigures } from '@yuejuan/contracts';

export interface BootstrapOptions {
  replicates?: number;
  seed: number;
  level?: number;
}

/** The running sums every figure is a function of, so a bootstrap replicate costs one pass. */
class Sums {
  n = 0;
  exact = 0;
  adjacent = 0;
  // raw scores (mean difference, SMD)
  a = 0;
  b = 0;
  aa = 0;
  bb = 0;
  // binned scores (QWK)
  x = 0;
  y = 0;
  xx = 0;
  yy = 0;
  xy = 0;

  add(a: number, b: number, x: number, y: number, isExact: boolean, isAdjacent: boolean) {
    this.n++;
    if (isExact) this.exact++;
    if (isAdjacent) this.adjacent++;
    this.a += a;
    this.b += b;
    this.aa += a * a;
    this.bb += b * b;
    this.x += x;
    this.y += y;
    this.xx += x * x;
    this.yy += y * y;
    this.xy += x * y;
  }

  /**
   * QWK from moments: with binned scores x, y (population moments),
   *   κw = 1 − Σ(x − y)² / Σᵢⱼ (i − j)² rᵢ cⱼ / n = 2·cov(x, y) / (var x + var y + (x̄ − ȳ)²),
   * the same value as the table form of quadraticWeightedKappa (agreement.ts); null where the
   * denominator is zero (no spread to judge).
   */
  qwk(): number | null {
    const n = this.n;
    if (!n) return null;
    const mx = this.x / n;
    const my = this.y / n;
    const cov = this.xy / n - mx * my;
    const den = this.xx / n - mx * mx + (this.yy / n - my * my) + (mx - my) * (mx - my);
    return den < 1e-12 ? null : (2 * cov) / den;
  }

  meanDiff(): number | null {
    return this.n ? (this.a - this.b) / this.n : null;
  }

  /** Null with fewer than two answers, or when both readers give one score to everyone and differ. */
  smd(): number | null {
    const n = this.n;
    if (n < 2) return null;
    const varA = (this.aa - (this.a * this.a) / n) / (n - 1);
    const varB = (this.bb - (this.b * this.b) / n) / (n - 1);
    const pooled = sqrt(maxOf(0, (varA + varB) / 2));
    const d = (this.a - this.b) / n;
    if (pooled < 1e-12) return abs(d) < 1e-9 ? 0 : null;
    return d / pooled;
  }
}

const binner = (scale: Scale) => {
  const step = scale.step ?? 0.5;
  const k = round((scale.max - scale.min) / step) + 1;
  return (v: number) => minOf(k - 1, maxOf(0, round((v - scale.min) / step)));
};

/** Mean difference a − b over the pairs (null without pairs). */
export function meanDifference(pairs: [number, number][]): number | null {
  const s = new Sums();
  for (const [a, b] of pairs) s.add(a, b, 0, 0, false, false);
  return s.meanDiff();
}

/** Standardised mean difference (Williamson, Xi & Breyer 2012): (ā − b̄) / sqrt((s_a² + s_b²) / 2). */
export function standardisedMeanDifference(pairs: [number, number][]): number | null {
  const s = new Sums();
  for (const [a, b] of pairs) s.add(a, b, 0, 0, false, false);
  return s.smd();
}

/**
 * Every figure for pairs [a, b] (a: the judge, b: the human, for the sign of the differences),
 * with percentile intervals from `replicates` resamples of the answers (seeded: same pairs, same
 * seed, same intervals). One pass over n per replicate.
 */
export function pairFigures(
  pairs: [number, number][],
  scale: Scale,
  options: BootstrapOptions,
): PairFigures {
  const n = pairs.length;
  const bin = binner(scale);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ex = new Uint8Array(n);
  const adj = new Uint8Array(n);
  const whole = new Sums();
  for (let i = 0; i < n; i++) {
    const [p, q] = pairs[i];
    a[i] = p;
    b[i] = q;
    x[i] = bin(p);
    y[i] = bin(q);
    ex[i] = abs(p - q) < 1e-9 ? 1 : 0;
    adj[i] = abs(p - q) <= scale.tolerance + 1e-9 ? 1 : 0;
    whole.add(p, q, x[i], y[i], ex[i] === 1, adj[i] === 1);
  }
  const empty: Estimate = { value: null, ci: null };
  if (!n) return { n: 0, exact: empty, adjacent: empty, qwk: empty, meanDiff: empty, smd: empty };
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  const reps = {
    exact: new Float64Array(replicates),
    adjacent: new Float64Array(replicates),
    qwk: new Float64Array(replicates),
    meanDiff: new Float64Array(replicates),
    smd: new Float64Array(replicates),
  };
  const random = seededRandom(options.seed);
  for (let r = 0; r < replicates; r++) {
    const s = new Sums();
    for (let j = 0; j < n; j++) {
      const i = draw(random, n);
      s.add(a[i], b[i], x[i], y[i], ex[i] === 1, adj[i] === 1);
    }
    reps.exact[r] = s.exact / n;
    reps.adjacent[r] = s.adjacent / n;
    reps.qwk[r] = s.qwk() ?? NaN;
    reps.meanDiff[r] = s.meanDiff()!;
    reps.smd[r] = s.smd() ?? NaN;
  }
  const est = (value: number | null, rs: Float64Array): Estimate => ({
    value,
    ci: value === null ? null : percentileInterval(rs, level),
  });
  return {
    n,
    exact: est(whole.exact / n, reps.exact),
    adjacent: est(whole.adjacent / n, reps.adjacent),
    qwk: est(whole.qwk(), reps.qwk),
    meanDiff: est(whole.meanDiff(), reps.meanDiff),
    smd: est(whole.smd(), reps.smd),
  };
}

export type { ItemAgreement } from '@yuejuan/contracts';

/**
 * Per rubric item, for item-mode rubrics: whether two reads of each answer both applied the item.
 * `reads` holds the applied item ids of the two readers for each answer; `itemIds` the rubric's items.
 */
export function itemAgreement(
  reads: { a: string[]; b: string[] }[],
  itemIds: string[],
): ItemAgreement[] {
  return itemIds.map((itemId) => {
    const s = new Sums();
    let appliedA = 0;
    let appliedB = 0;
    for (const r of reads) {
      const p = r.a.includes(itemId) ? 1 : 0;
      const q = r.b.includes(itemId) ? 1 : 0;
      appliedA += p;
      appliedB += q;
      s.add(p, q, p, q, p === q, true);
    }
    return {
      itemId,
      n: s.n,
      appliedA,
      appliedB,
      agreement: s.n ? s.exact / s.n : null,
      kappa: s.qwk(),
    };
  });
}

export type { Confusion } from '@yuejuan/contracts';

/** The joint table of a's and b's scores, binned to the scale's step. */
export function confusionMatrix(pairs: [number, number][], scale: Scale): Confusion {
  const step = scale.step ?? 0.5;
  const k = round((scale.max - scale.min) / step) + 1;
  const bin = binner(scale);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [a, b] of pairs) counts[bin(a)][bin(b)]++;
  return {
    scores: Array.from({ length: k }, (_, i) => round((scale.min + i * step) * 100) / 100),
    counts,
  };
}
