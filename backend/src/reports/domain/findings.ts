import type { Finding, FindingParams } from '@yuejuan/contracts';
import {
  Anchor,
  AnchorDimension,
  FieldStat,
  fieldFigure,
  Interval,
  intervalOf,
  Measure,
  minus,
  relative,
  representative,
  restsOnAll,
  signOf,
} from './rounds';

/**
 * The headline findings of one round: codes and parameters, never sentences (the client words
 * them in Chinese and English). Every finding's verdict comes from its interval: one that includes
 * zero is a tie ("no difference"), whatever the point estimate says.
 */

// A finding's shape is the client's too (it words the code): defined once in @yuejuan/contracts.
export type { Finding, FindingParams } from '@yuejuan/contracts';

export interface RoundAnchors {
  id: string;
  name: string;
  anchors: Anchor[];
}

export interface FindingsInput {
  current: RoundAnchors;
  /** The latest round held before the current one, when there is one. */
  previous: RoundAnchors | null;
  /** The two groups of the humanities–sciences index (REPORT_SUBJECT_GROUPS). */
  groups: { humanities: string; sciences: string };
  /**
   * The researcher's filters narrow the round (models, papers, subjects, stages, grades): a finding
   * the slice leaves too little for says that the choice is why (its code ends in `.filtered`).
   */
  narrowed?: boolean;
}

const VERDICT = { above: 'above', below: 'below', tie: 'tie' } as const;
const CHANGE = { above: 'up', below: 'down', tie: 'tie' } as const;

const figure = (prefix: string, m: Measure): FindingParams => {
  const ci = intervalOf(m);
  return {
    [prefix]: m.value,
    [`${prefix}Low`]: ci?.[0] ?? null,
    [`${prefix}High`]: ci?.[1] ?? null,
  };
};
const verdictOf = (m: Measure) => signOf(intervalOf(m)) ?? 'tie';
const drillOf = (a: Anchor): Finding['drill'] => ({
  roundId: a.roundId,
  entry: a.entryKey,
  dimension: a.dimension,
  value: a.value,
});

function slice(anchors: Anchor[], dimension: AnchorDimension, value: string) {
  return anchors.filter((a) => a.dimension === dimension && a.value === value);
}
const SCHOOL_ORDER = ['primary', 'junior', 'senior'];
function values(anchors: Anchor[], dimension: AnchorDimension) {
  const vs = [
    ...new Set(anchors.filter((a) => a.dimension === dimension).map((a) => a.value)),
  ].sort();
  return dimension === 'stage'
    ? vs.sort((a, b) => SCHOOL_ORDER.indexOf(a) - SCHOOL_ORDER.indexOf(b))
    : vs;
}
/** One model's anchors of a round. */
function ownAnchors(anchors: Anchor[], modelId: string) {
  return anchors.filter((a) => a.modelId === modelId);
}
/** Where a finding is: the slice, and for the whole round the stages it spans (a "K12" figure of senior papers only says so). */
function whereOf(anchors: Anchor[], dimension: AnchorDimension, value: string): FindingParams {
  return dimension === 'overall'
    ? { dimension, value, stages: values(anchors, 'stage') }
    : { dimension, value };
}

/** Each model, then the best and the median model when there are several, against the students. */
function versusStudents(
  current: RoundAnchors,
  dimension: AnchorDimension,
  value: string,
): Finding[] {
  const as = slice(current.anchors, dimension, value);
  const out: Finding[] = [];
  const where = whereOf(current.anchors, dimension, value);
  for (const a of [...as].sort((x, y) => y.diff.value - x.diff.value))
    out.push({
      code: `finding.model_vs_students.${VERDICT[verdictOf(a.diff)]}`,
      params: {
        // A model's own sentence names the stages it sat, not the round's (GPT-4 on Gaokao papers is not "K12").
        ...whereOf(ownAnchors(current.anchors, a.modelId), dimension, value),
        model: a.modelName,
        modelRate: a.modelRate,
        studentRate: a.studentRate,
        ...figure('diff', a.diff),
        ...figure('ratio', a.ratio),
      },
      restsOn: a.restsOn,
      drill: drillOf(a),
    });
  // The median of two models is their midpoint, no model's figure and nothing the two sentences above
  // do not say: the field's median is reported from three models on.
  if (as.length > 1)
    for (const stat of (as.length > 2 ? ['best', 'median'] : ['best']) as FieldStat[]) {
      const m = fieldFigure(as, stat);
      const rep = representative(as, stat);
      out.push({
        code: `finding.field_vs_students.${VERDICT[verdictOf(m)]}`,
        params: {
          ...where,
          stat,
          model: rep.modelName,
          models: as.length,
          ...figure('diff', m),
          ...figure(
            'ratio',
            fieldFigure(as, stat, (a) => a.ratio),
          ),
          // The best model's interval is its own, and it was picked on these same figures.
          ...(stat === 'best' ? { selectedOnSameData: true } : {}),
        },
        restsOn: restsOnAll(as),
        drill: drillOf(rep),
      });
    }
  return out;
}

/** The change since the previous round: the same model where it took part in both, and the field. */
function changes(input: FindingsInput, dimension: AnchorDimension, value: string): Finding[] {
  const { current, previous } = input;
  if (!previous) return [];
  const now = slice(current.anchors, dimension, value);
  const before = slice(previous.anchors, dimension, value);
  if (!now.length || !before.length) return [];
  const where = { ...whereOf(current.anchors, dimension, value), previousRound: previous.name };
  const out: Finding[] = [];
  const earlier = new Map(before.map((a) => [a.modelId, a]));
  const both = now.filter((a) => earlier.has(a.modelId));
  for (const a of both) {
    const b = earlier.get(a.modelId)!;
    const rel = relative(a.ratio, b.ratio);
    out.push({
      code: `finding.change.model.${CHANGE[verdictOf(rel)]}`,
      params: {
        ...where,
        ...whereOf(ownAnchors(current.anchors, a.modelId), dimension, value),
        model: a.modelName,
        ...figure('relative', rel),
        ...figure('gapChange', minus(a.diff, b.diff)),
        diffBefore: b.diff.value,
        diffNow: a.diff.value,
      },
      restsOn: restsOnAll([a, b]),
      drill: drillOf(a),
    });
  }
  // The field's change says something the per-model lines do not when the fields differ.
  const sameField = both.length === now.length && both.length === before.length;
  // One model each round (different ones): best, median and mean are the same figure, said once.
  const stats: FieldStat[] =
    now.length === 1 && before.length === 1 ? ['best'] : ['best', 'median', 'mean'];
  if (!(sameField && now.length === 1))
    for (const stat of stats) {
      const rel = relative(
        fieldFigure(now, stat, (a) => a.ratio),
        fieldFigure(before, stat, (a) => a.ratio),
      );
      out.push({
        code: `finding.change.field.${CHANGE[verdictOf(rel)]}`,
        params: {
          ...where,
          stat,
          // The model the statistic lands on this round (the best, the median); the mean names none.
          model: representative(now, stat).modelName,
          models: now.length,
          modelsBefore: before.length,
          ...figure('relative', rel),
          ...figure('gapChange', minus(fieldFigure(now, stat), fieldFigure(before, stat))),
          ...(stat === 'best'
            ? { selectedOnSameData: true, modelBefore: representative(before, 'best').modelName }
            : {}),
        },
        restsOn: restsOnAll([...now, ...before]),
        drill: drillOf(representative(now, stat)),
      });
    }
  return out;
}

/** Per subject: the models above the students with an interval excluding zero, or that none is. */
function subjects(current: RoundAnchors): Finding[] {
  return values(current.anchors, 'subject').map((subject) => {
    const as = slice(current.anchors, 'subject', subject);
    const above = as
      .filter((a) => verdictOf(a.diff) === 'above')
      .sort((x, y) => y.diff.value - x.diff.value);
    const top = above[0] ?? representative(as, 'best');
    return {
      code: above.length ? 'finding.subject.some_above' : 'finding.subject.none_above',
      params: {
        subject,
        modelsAbove: above.map((a) => a.modelName),
        models: as.length,
        model: top.modelName,
        ...figure('diff', top.diff),
      },
      restsOn: restsOnAll(as),
      drill: drillOf(top),
    };
  });
}

/** The humanities–sciences index per model ("文强理弱": gap in humanities − gap in sciences), and how many models show it. */
function humanitiesGap(input: FindingsInput): Finding[] {
  const { current, groups } = input;
  const h = new Map(slice(current.anchors, 'group', groups.humanities).map((a) => [a.modelId, a]));
  const s = slice(current.anchors, 'group', groups.sciences).filter((a) => h.has(a.modelId));
  if (!s.length) {
    // Which side is there: with a filter (one subject, one stage) the slice may hold only one group.
    const present = [groups.humanities, groups.sciences].filter(
      (g) => slice(current.anchors, 'group', g).length,
    );
    const missing = [groups.humanities, groups.sciences].filter((g) => !present.includes(g));
    return [
      {
        code: input.narrowed ? 'finding.gap.unavailable.filtered' : 'finding.gap.unavailable',
        params: { ...groups, present, missing },
        restsOn: restsOnAll([]),
        drill: null,
      },
    ];
  }
  const out: Finding[] = [];
  let holds = 0;
  const indices: Measure[] = [];
  for (const sci of s) {
    const hum = h.get(sci.modelId)!;
    const index = minus(hum.diff, sci.diff);
    indices.push(index);
    const verdict = verdictOf(index);
    if (verdict === 'above') holds++;
    out.push({
      code: `finding.gap.model.${verdict === 'above' ? 'holds' : verdict === 'below' ? 'reverse' : 'tie'}`,
      params: {
        model: sci.modelName,
        humanitiesDiff: hum.diff.value,
        sciencesDiff: sci.diff.value,
        ...figure('index', index),
      },
      restsOn: restsOnAll([hum, sci]),
      // The answers of the weaker side, the one the sentence is about ("理弱": the sciences), as a group slice.
      drill: hum.diff.value < sci.diff.value ? drillOf(hum) : drillOf(sci),
    });
  }
  // The field's mean index: the mean of the per-model indices, replicate by replicate.
  const reps = new Float64Array(indices[0].reps.length);
  for (let b = 0; b < reps.length; b++)
    reps[b] = indices.reduce((a, m) => a + m.reps[b], 0) / indices.length;
  const mean: Measure = { value: indices.reduce((a, m) => a + m.value, 0) / indices.length, reps };
  out.unshift({
    code: holds * 2 > s.length ? 'finding.gap.field.most' : 'finding.gap.field.not_most',
    params: { holds, models: s.length, ...figure('index', mean) },
    restsOn: restsOnAll([...s, ...s.map((x) => h.get(x.modelId)!)]),
    drill: null,
  });
  return out;
}

export function findingsOf(input: FindingsInput): Finding[] {
  const { current, previous } = input;
  const stages = values(current.anchors, 'stage');
  const out: Finding[] = [];
  out.push(...versusStudents(current, 'overall', 'all'));
  if (stages.length > 1) for (const st of stages) out.push(...versusStudents(current, 'stage', st));
  if (!previous)
    out.push({
      code: 'finding.change.no_previous',
      params: {},
      restsOn: restsOnAll([]),
      drill: null,
    });
  else {
    const ch = [
      ...changes(input, 'overall', 'all'),
      ...stages.flatMap((st) => (stages.length > 1 ? changes(input, 'stage', st) : [])),
    ];
    out.push(
      ...(ch.length
        ? ch
        : [
            {
              code: input.narrowed
                ? 'finding.change.not_comparable.filtered'
                : 'finding.change.not_comparable',
              params: { previousRound: previous.name },
              restsOn: restsOnAll([]),
              drill: null,
            },
          ]),
    );
  }
  out.push(...subjects(current));
  out.push(...humanitiesGap(input));
  return out;
}

export type { Interval };
