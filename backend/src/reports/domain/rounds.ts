import type { AnchorDimension, RestsOn } from '@yuejuan/contracts';
import { percentileInterval } from '../../statistics/bootstrap';
import { coverageOf, Resampler } from './report';
import { ModelUnit, ReportCohort, ReportEntry, ReportQuestion } from './report.types';

/**
 * Rounds are compared through the student anchor. Papers change from round to round, so a raw
 * score rate on this round's papers says nothing about last round's; a model's score relative to
 * the students who sat the same paper does carry over: the difference in score rate (model −
 * students) and the ratio to the students' rate. Both come with bootstrap replicates from the
 * report's resampler (Poisson weights per question, student-resampled cohort means where a score
 * matrix exists), so field statistics (best, median, mean of models) and changes between rounds
 * get their intervals from the same replicates, replicate by replicate.
 */

const LEVEL = 0.95;
export type Interval = [number, number] | null;

/** One round's aggregated rows, as the report reads them. */
export interface RoundData {
  roundId: string;
  questions: ReportQuestion[];
  cohorts: ReportCohort[];
  entries: ReportEntry[];
  units: ModelUnit[];
}

// What a figure rests on, and the dimensions a finding drills into, are the client's too (@yuejuan/contracts).
export type { AnchorDimension, RestsOn } from '@yuejuan/contracts';

/** A cohort behind a figure: counted once however many figures rest on it. */
interface Behind {
  id: string;
  students: number;
  isSynthetic: boolean;
}

const restsOnCohorts = (behind: Behind[]) => ({
  cohorts: behind.length,
  students: behind.reduce((a, x) => a + x.students, 0),
  synthetic: behind.some((x) => x.isSynthetic),
});

/** A value with its bootstrap replicates (NaN where a replicate has no question). */
export interface Measure {
  value: number;
  reps: Float64Array;
}

export interface Anchor {
  roundId: string;
  entryKey: string;
  modelId: string;
  modelName: string;
  dimension: AnchorDimension;
  value: string;
  modelRate: number;
  studentRate: number;
  /** Model rate − student rate. */
  diff: Measure;
  /** Model rate ÷ student rate. */
  ratio: Measure;
  restsOn: RestsOn;
  /** The cohorts behind the anchor (for what several anchors rest on together). */
  behind: Behind[];
  /** The model is a simulated one (ReportEntry.isSimulated). */
  simulated: boolean;
}

export const intervalOf = (m: Measure): Interval => percentileInterval(m.reps, LEVEL);
/** Above, below, or no difference: only an interval that excludes zero is a difference. */
export const signOf = (ci: Interval): 'above' | 'below' | 'tie' | null =>
  !ci ? null : ci[0] > 0 ? 'above' : ci[1] < 0 ? 'below' : 'tie';

/** One entry per model: a model run twice in one round counts once, with its latest run (entries come in run order). */
export function latestPerModel(entries: ReportEntry[]): ReportEntry[] {
  const out = new Map<string, ReportEntry>();
  for (const e of entries) out.set(e.modelId, e);
  return [...out.values()];
}

function restsOn(
  set: ReportQuestion[],
  units: Map<string, ModelUnit>,
  comparable: ReportQuestion[],
  behind: Behind[],
  simulated: boolean,
): RestsOn {
  const c = coverageOf(set, units);
  return {
    totalPoints: c.totalPoints,
    scoredPoints: c.scoredPoints,
    pendingPoints: c.pendingPoints,
    notScoredPoints: c.notScoredPoints,
    comparablePoints: comparable.reduce((a, q) => a + q.maxPoints, 0),
    questions: comparable.length,
    ...restsOnCohorts(behind),
    simulated,
  };
}

/** The slices anchored: the whole round, each stage, each subject, each subject group. */
function anchorSlices(qs: ReportQuestion[]): [AnchorDimension, string, ReportQuestion[]][] {
  const out = new Map<string, [AnchorDimension, string, ReportQuestion[]]>();
  const add = (d: AnchorDimension, v: string, q: ReportQuestion) => {
    const k = `${d}\u0000${v}`;
    if (!out.has(k)) out.set(k, [d, v, []]);
    out.get(k)![2].push(q);
  };
  for (const q of qs) {
    add('overall', 'all', q);
    add('stage', q.stage, q);
    add('subject', q.subject, q);
    add('group', q.group, q);
  }
  return [...out.values()];
}

/** Every model's anchor in every slice of one round (a slice without student statistics has none). */
export function anchorsOf(round: RoundData, resampler: Resampler): Anchor[] {
  const cohorts = new Map(round.cohorts.map((c) => [c.paperVersionId, c]));
  const unitsOf = new Map<string, Map<string, ModelUnit>>();
  for (const u of round.units) {
    if (!unitsOf.has(u.entryKey)) unitsOf.set(u.entryKey, new Map());
    unitsOf.get(u.entryKey)!.set(u.questionId, u);
  }
  const out: Anchor[] = [];
  const n = resampler.replicates;
  for (const e of latestPerModel(round.entries)) {
    const units = unitsOf.get(e.key) ?? new Map<string, ModelUnit>();
    const qs = round.questions.filter((q) => units.has(q.id));
    for (const [dimension, value, set] of anchorSlices(qs)) {
      const comparable = set.filter((q) => {
        const u = units.get(q.id)!;
        return u.scored > 0 && u.score !== null && cohorts.get(q.paperVersionId)?.means.has(q.id);
      });
      if (!comparable.length) continue;
      let model = 0;
      let students = 0;
      let max = 0;
      const m = new Float64Array(n);
      const s = new Float64Array(n);
      const d = new Float64Array(n);
      for (const q of comparable) {
        const score = units.get(q.id)!.score!;
        const c = cohorts.get(q.paperVersionId)!;
        model += score;
        students += c.means.get(q.id)!;
        max += q.maxPoints;
        const w = resampler.weightsOf(q.id);
        const cb = resampler.cohortOf(q.id, c);
        for (let b = 0; b < n; b++)
          if (w[b]) {
            m[b] += w[b] * score;
            s[b] += w[b] * cb[b];
            d[b] += w[b] * q.maxPoints;
          }
      }
      const used = new Set(comparable.map((q) => q.paperVersionId));
      const behind = round.cohorts
        .filter((c) => used.has(c.paperVersionId))
        .map(({ id, students, isSynthetic }) => ({ id, students, isSynthetic }));
      const diff = new Float64Array(n);
      const ratio = new Float64Array(n);
      for (let b = 0; b < n; b++) {
        diff[b] = d[b] ? (m[b] - s[b]) / d[b] : NaN;
        ratio[b] = d[b] && s[b] ? m[b] / s[b] : NaN;
      }
      out.push({
        roundId: round.roundId,
        entryKey: e.key,
        modelId: e.modelId,
        modelName: e.modelName,
        dimension,
        value,
        modelRate: model / max,
        studentRate: students / max,
        diff: { value: (model - students) / max, reps: diff },
        ratio: { value: students ? model / students : NaN, reps: ratio },
        restsOn: restsOn(set, units, comparable, behind, !!e.isSimulated),
        behind,
        simulated: !!e.isSimulated,
      });
    }
  }
  return out;
}

export type FieldStat = 'best' | 'median' | 'mean';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};
const STAT: Record<FieldStat, (xs: number[]) => number> = {
  best: (xs) => Math.max(...xs),
  median,
  mean: (xs) => xs.reduce((a, x) => a + x, 0) / xs.length,
};

/**
 * A statistic of the field (the models of one slice), replicate by replicate: the best model's
 * difference in each replicate is the best of that replicate, so the interval carries the
 * uncertainty of which model is best. A replicate where a model has no question leaves it out.
 */
export function fieldOf(
  anchors: Anchor[],
  stat: FieldStat,
  pick: (a: Anchor) => Measure = (a) => a.diff,
): Measure {
  const f = STAT[stat];
  const n = anchors.length ? pick(anchors[0]).reps.length : 0;
  const reps = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const xs = anchors.map((a) => pick(a).reps[b]).filter((x) => x === x);
    reps[b] = xs.length ? f(xs) : NaN;
  }
  return { value: f(anchors.map((a) => pick(a).value)), reps };
}

/**
 * The field statistic the findings report. The best model is picked on the point estimate and
 * reported with its own interval: the replicate-by-replicate maximum (fieldOf 'best') is biased
 * upwards (the max of noisy values exceeds the best model's true value, and its interval is too
 * high and too narrow for the model it names), so a sentence naming the best model quotes that
 * model's own figure, and says it was chosen on the same data (the choice itself is not in the
 * interval). The median and the mean stay statistics of the field, replicate by replicate.
 */
export function fieldFigure(
  anchors: Anchor[],
  stat: FieldStat,
  pick: (a: Anchor) => Measure = (a) => a.diff,
): Measure {
  return stat === 'best' ? pick(representative(anchors, 'best')) : fieldOf(anchors, stat, pick);
}

/** The anchor whose point value the statistic lands on (the model a reader drills into). */
export function representative(anchors: Anchor[], stat: FieldStat): Anchor {
  const sorted = [...anchors].sort((a, b) => a.diff.value - b.diff.value);
  return stat === 'median' ? sorted[(sorted.length - 1) >> 1] : sorted[sorted.length - 1];
}

/** now − before, replicate by replicate (the rounds' papers differ, so their weights are independent). */
export function minus(now: Measure, before: Measure): Measure {
  const reps = new Float64Array(now.reps.length);
  for (let b = 0; b < reps.length; b++) reps[b] = now.reps[b] - before.reps[b];
  return { value: now.value - before.value, reps };
}

/** now ÷ before − 1: the relative change of the ratio to the students ("+12.9%"). */
export function relative(now: Measure, before: Measure): Measure {
  const reps = new Float64Array(now.reps.length);
  for (let b = 0; b < reps.length; b++)
    reps[b] = before.reps[b] ? now.reps[b] / before.reps[b] - 1 : NaN;
  return { value: before.value ? now.value / before.value - 1 : NaN, reps };
}

/** Points and students behind several anchors together. */
export function restsOnAll(anchors: Anchor[]): RestsOn {
  const sum = (f: (r: RestsOn) => number) => anchors.reduce((a, x) => a + f(x.restsOn), 0);
  return {
    totalPoints: sum((r) => r.totalPoints),
    scoredPoints: sum((r) => r.scoredPoints),
    pendingPoints: sum((r) => r.pendingPoints),
    notScoredPoints: sum((r) => r.notScoredPoints),
    comparablePoints: sum((r) => r.comparablePoints),
    questions: sum((r) => r.questions),
    ...restsOnCohorts([
      ...new Map(anchors.flatMap((a) => a.behind).map((c) => [c.id, c])).values(),
    ]),
    simulated: anchors.some((a) => a.simulated),
  };
}
