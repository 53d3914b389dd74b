import { Agreement, agreement } from '../../statistics/agreement';
import { percentileInterval, poissonWeights } from '../../statistics/bootstrap';
import { percentileOf, percentileRank } from '../../statistics/distribution';
import { seededRandom, seedOf } from '../../statistics/random';
import {
  Coverage,
  Figure,
  HeatRow,
  LeftOut,
  ModelUnit,
  Report,
  ReportCohort,
  ReportEntry,
  ReportInput,
  ReportQuestion,
  Verdict,
} from './report.types';

const LEVEL = 0.95;
/** Dimensions whose slices are whole papers: percentiles and run-to-run changes are reported there. */
const WHOLE_PAPERS = new Set<Figure['dimension']>(['overall', 'subject', 'group']);

type Slice = [Figure['dimension'], string, ReportQuestion[]];

/** The slices of one model's questions: overall, by subject, by group, objective or not, type, tag, stage, grade. */
export function slices(qs: ReportQuestion[]): Slice[] {
  const out = new Map<string, Slice>();
  const add = (dim: Figure['dimension'], value: string, q: ReportQuestion) => {
    const key = `${dim}\u0000${value}`;
    if (!out.has(key)) out.set(key, [dim, value, []]);
    out.get(key)![2].push(q);
  };
  for (const q of qs) {
    add('overall', 'all', q);
    add('subject', q.subject, q);
    add('group', q.group, q);
    add('objectivity', q.isObjective ? 'objective' : 'subjective', q);
    add('type', q.type, q);
    for (const t of q.tags) add('tag', t, q);
    add('stage', q.stage, q);
    add('grade', String(q.grade), q);
  }
  return [...out.values()];
}

export const verdictOf = (ci: [number, number] | null): Verdict | null =>
  !ci ? null : ci[0] > 0 ? 'above' : ci[1] < 0 ? 'below' : 'tie';

const groupBy = <T, K>(xs: T[], key: (x: T) => K) => {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};

export function coverageOf(set: ReportQuestion[], units: Map<string, ModelUnit>): Coverage {
  const c: Coverage = {
    totalPoints: 0,
    scoredPoints: 0,
    pendingPoints: 0,
    notScoredPoints: 0,
    notApplicablePoints: 0,
  };
  for (const q of set) {
    const u = units.get(q.id)!;
    const samples = u.scored + u.pending + u.notScored + u.notApplicable || 1;
    c.totalPoints += q.maxPoints;
    c.scoredPoints += (q.maxPoints * u.scored) / samples;
    c.pendingPoints += (q.maxPoints * u.pending) / samples;
    c.notScoredPoints += (q.maxPoints * u.notScored) / samples;
    c.notApplicablePoints += (q.maxPoints * u.notApplicable) / samples;
  }
  return c;
}

/**
 * Per-question bootstrap inputs, made once per report: Poisson weights seeded by the question (so a
 * figure depends only on its own questions and the seed), and the cohort's mean on the question in
 * each replicate (student-resampled where a score matrix exists, else the fixed mean).
 */
export class Resampler {
  private readonly weights = new Map<string, Float64Array>();
  private readonly cohortMeans = new Map<string, Float64Array>();

  constructor(
    readonly replicates: number,
    private readonly seed: number,
  ) {}

  weightsOf(questionId: string): Float64Array {
    let w = this.weights.get(questionId);
    if (!w)
      this.weights.set(
        questionId,
        (w = poissonWeights(this.replicates, seededRandom(seedOf(questionId, this.seed)))),
      );
    return w;
  }

  cohortOf(questionId: string, c: ReportCohort): Float64Array {
    let out = this.cohortMeans.get(questionId);
    if (out) return out;
    out = new Float64Array(this.replicates).fill(c.means.get(questionId)!);
    const column = c.replicateQuestions.indexOf(questionId);
    if (c.replicates?.length && column >= 0)
      for (let b = 0; b < out.length; b++) out[b] = c.replicates[b % c.replicates.length][column];
    this.cohortMeans.set(questionId, out);
    return out;
  }

  /** Replicates of Σ w·(value − minus[b]) / Σ w·max over the given questions; NaN where every weight is zero. */
  ratio(
    terms: { questionId: string; value: number; minus?: Float64Array; max: number }[],
  ): Float64Array {
    const num = new Float64Array(this.replicates);
    const den = new Float64Array(this.replicates);
    for (const t of terms) {
      const w = this.weightsOf(t.questionId);
      const minus = t.minus;
      for (let b = 0; b < num.length; b++) {
        const wb = w[b];
        if (wb) {
          num[b] += wb * (minus ? t.value - minus[b] : t.value);
          den[b] += wb * t.max;
        }
      }
    }
    for (let b = 0; b < num.length; b++) num[b] = den[b] ? num[b] / den[b] : NaN;
    return num;
  }
}

/**
 * Model rate minus cohort rate on the questions both have, with a 95% bootstrap interval over
 * questions (Poisson weights) and, where the cohort has a score matrix, over students too.
 */
function compare(
  resampler: Resampler,
  set: ReportQuestion[],
  units: Map<string, ModelUnit>,
  cohorts: Map<string, ReportCohort>,
) {
  const rows = set.map((q) => ({ q, u: units.get(q.id)!, c: cohorts.get(q.paperVersionId) }));
  const scored = rows.filter((r) => r.u.scored > 0 && r.u.score !== null);
  const comparable = scored.filter((r) => r.c?.means.has(r.q.id));
  const rate = (rs: typeof rows, f: (r: (typeof rows)[0]) => number) =>
    rs.reduce((a, r) => a + f(r), 0) / rs.reduce((a, r) => a + r.q.maxPoints, 0);
  // Without any cohort statistics the model's rate rests on every scored question; with some, only on those that have them.
  const basis = comparable.length ? comparable : scored;
  const used = new Set(basis.map((r) => r.q.id));
  const leftOut: LeftOut = { pending: 0, notScored: 0, notApplicable: 0, noCohort: 0 };
  for (const r of rows) {
    if (used.has(r.q.id)) continue;
    if (r.u.scored > 0 && r.u.score !== null) leftOut.noCohort++;
    else if (r.u.pending > 0) leftOut.pending++;
    else if (r.u.notScored > 0) leftOut.notScored++;
    else leftOut.notApplicable++;
  }
  const points = (rs: typeof rows) => rs.reduce((a, r) => a + r.q.maxPoints, 0);
  const described = {
    comparable,
    questions: basis.length,
    leftOut,
    basis: { points: points(basis), objectivePoints: points(basis.filter((r) => r.q.isObjective)) },
  };
  if (!comparable.length)
    return {
      modelRate: scored.length ? rate(scored, (r) => r.u.score!) : null,
      cohortRate: null,
      diff: null,
      ci: null,
      ...described,
    };
  const modelRate = rate(comparable, (r) => r.u.score!);
  const cohortRate = rate(comparable, (r) => r.c!.means.get(r.q.id)!);
  const reps = resampler.ratio(
    comparable.map((r) => ({
      questionId: r.q.id,
      max: r.q.maxPoints,
      value: r.u.score!,
      minus: resampler.cohortOf(r.q.id, r.c!),
    })),
  );
  return {
    modelRate,
    cohortRate,
    diff: modelRate - cohortRate,
    ci: percentileInterval(reps, LEVEL),
    ...described,
  };
}

function percentile(
  input: ReportInput,
  comparable: { q: ReportQuestion; u: ModelUnit; c?: ReportCohort }[],
): number | null {
  const parts = [];
  for (const rs of groupBy(comparable, (r) => r.q.paperVersionId).values()) {
    const hist = input.totals(
      rs[0].c!.id,
      rs.map((r) => r.q.id),
    );
    if (hist)
      parts.push(
        percentileRank(
          hist,
          rs.reduce((a, r) => a + r.u.score!, 0),
        ),
      );
  }
  return percentileOf(parts);
}

function agreementOf(
  input: ReportInput,
  perQuestion: (q: ReportQuestion) => Agreement | null,
  set: ReportQuestion[],
): Figure['agreement'] {
  const subjective = set.filter((q) => !q.isObjective);
  if (!subjective.length) return null;
  // Per question (each has its own scale), then weighted by the number of pairs.
  const per = subjective.map(perQuestion).filter((a): a is Agreement => a !== null);
  const n = per.reduce((a, x) => a + x.n, 0);
  const weighted = (f: (x: (typeof per)[0]) => number | null) => {
    const xs = per.filter((x) => f(x) !== null);
    const w = xs.reduce((a, x) => a + x.n, 0);
    return w ? xs.reduce((a, x) => a + f(x)! * x.n, 0) / w : null;
  };
  const qwk = weighted((x) => x.qwk);
  return {
    n,
    exact: weighted((x) => x.exact),
    adjacent: weighted((x) => x.adjacent),
    qwk,
    flagged: qwk !== null && qwk < input.minQwk,
  };
}

/** Paired change against the same model's previous run, on the questions scored in both. */
function change(
  resampler: Resampler,
  set: ReportQuestion[],
  now: Map<string, ModelUnit>,
  before: Map<string, ModelUnit> | undefined,
) {
  if (!before) return null;
  const both = set.filter(
    (q) =>
      now.get(q.id)?.scored &&
      before.get(q.id)?.scored &&
      now.get(q.id)!.score !== null &&
      before.get(q.id)!.score !== null,
  );
  if (!both.length) return null;
  const terms = both.map((q) => ({
    questionId: q.id,
    max: q.maxPoints,
    value: now.get(q.id)!.score! - before.get(q.id)!.score!,
  }));
  const diff = terms.reduce((a, t) => a + t.value, 0) / terms.reduce((a, t) => a + t.max, 0);
  const ci = percentileInterval(resampler.ratio(terms), LEVEL);
  return { diff, ci, verdict: verdictOf(ci) };
}

/** The whole report from aggregated rows: pure, deterministic for a given seed. */
export function buildReport(input: ReportInput): Report {
  const byId = new Map(input.questions.map((q) => [q.id, q]));
  const cohorts = new Map(input.cohorts.map((c) => [c.paperVersionId, c]));
  const unitsOf = new Map<string, Map<string, ModelUnit>>();
  for (const u of input.units) {
    if (!byId.has(u.questionId)) continue;
    if (!unitsOf.has(u.entryKey)) unitsOf.set(u.entryKey, new Map());
    unitsOf.get(u.entryKey)!.set(u.questionId, u);
  }
  const figures: Figure[] = [];
  const resampler = new Resampler(input.replicates, input.seed);
  // Marker agreement belongs to the question, not the model: computed once per question.
  const agreements = new Map<string, Agreement | null>();
  const perQuestion = (q: ReportQuestion) => {
    if (!agreements.has(q.id)) {
      const p = input.agreementPairs.get(q.id);
      agreements.set(
        q.id,
        p?.pairs.length ? agreement(p.pairs, 0, q.maxPoints, p.tolerance) : null,
      );
    }
    return agreements.get(q.id)!;
  };
  for (const entry of input.entries) {
    const units = unitsOf.get(entry.key) ?? new Map<string, ModelUnit>();
    const qs = input.questions.filter((q) => units.has(q.id));
    for (const [dimension, value, set] of slices(qs)) {
      const cmp = compare(resampler, set, units, cohorts);
      const whole = WHOLE_PAPERS.has(dimension);
      const ch =
        whole && entry.previousKey
          ? change(resampler, set, units, unitsOf.get(entry.previousKey))
          : null;
      figures.push({
        entryKey: entry.key,
        dimension,
        value,
        questions: cmp.questions,
        leftOut: cmp.leftOut,
        basis: cmp.basis,
        modelRate: cmp.modelRate,
        cohortRate: cmp.cohortRate,
        diff: cmp.diff,
        ci: cmp.ci,
        verdict: verdictOf(cmp.ci),
        percentile: whole && cmp.comparable.length ? percentile(input, cmp.comparable) : null,
        coverage: coverageOf(set, units),
        agreement: agreementOf(input, perQuestion, set),
        change: ch && { previousKey: entry.previousKey!, ...ch },
      });
    }
  }
  return {
    entries: input.entries,
    cohorts: input.cohorts.map(({ id, paperVersionId, name, isSynthetic, students }) => ({
      id,
      paperVersionId,
      name,
      isSynthetic,
      students,
    })),
    figures,
    heatMap: heatMap(input.questions, input.entries, unitsOf, cohorts),
    method: { replicates: input.replicates, seed: input.seed, level: LEVEL, minQwk: input.minQwk },
  };
}

function heatMap(
  questions: ReportQuestion[],
  entries: ReportEntry[],
  unitsOf: Map<string, Map<string, ModelUnit>>,
  cohorts: Map<string, ReportCohort>,
) {
  const rows: HeatRow[] = [];
  for (const q of questions) {
    const cells = entries.map((e) => {
      const u = unitsOf.get(e.key)?.get(q.id);
      if (!u) return { entryKey: e.key, rate: null, state: 'absent' as const };
      if (u.scored && u.score !== null)
        return { entryKey: e.key, rate: u.score / q.maxPoints, state: 'scored' as const };
      return {
        entryKey: e.key,
        rate: null,
        state: u.pending ? ('pending' as const) : ('not_scored' as const),
      };
    });
    if (cells.every((c) => c.state === 'absent')) continue;
    const mean = cohorts.get(q.paperVersionId)?.means.get(q.id);
    rows.push({
      questionId: q.id,
      paperVersionId: q.paperVersionId,
      paperTitle: q.paperTitle,
      number: q.number,
      subject: q.subject,
      maxPoints: q.maxPoints,
      cohortRate: mean === undefined ? null : mean / q.maxPoints,
      cells,
    });
  }
  return rows;
}
