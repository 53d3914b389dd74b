import {
  confusionMatrix,
  Confusion,
  itemAgreement,
  ItemAgreement,
  pairFigures,
  PairFigures,
  Scale,
} from '../../statistics/judge-agreement';
import { seedOf } from '../../statistics/random';
import { acceptance, AcceptanceThresholds, Verdict } from './acceptance-rule';

/**
 * A judge against the teachers on one question, from one row per answer: pure, deterministic for
 * a seed. The judge is compared with the final human score (what it would replace in a report)
 * and with each independent human read (what a second teacher would be compared with), beside the
 * teachers compared with each other on the same answers.
 */
export interface JudgedAnswer {
  responseId: string;
  source: 'model' | 'student';
  modelId: string | null;
  /** The latest judgement's points; null when it failed or there is none. */
  judge: number | null;
  judgeStatus: 'scored' | 'failed' | null;
  judgeItems: string[];
  /** The final human score (task done); null while marking is under way or never asked for. */
  final: number | null;
  /** Each teacher's latest independent read (first/second/third), in the order they were made. */
  reads: { points: number; items: string[] }[];
}

export interface QuestionScale {
  questionId: string;
  maxPoints: number;
  tolerance: number;
  /** The rubric's item ids when it is marked by items, else null. */
  itemIds: string[] | null;
}

export interface SliceFigures {
  kind: 'source' | 'model';
  value: string;
  answers: number;
  vsFinal: PairFigures;
  humanHuman: PairFigures;
}

export interface JudgeQuestionQuality {
  questionId: string;
  counts: {
    answers: number;
    judged: number;
    failed: number;
    humanMarked: number;
    compared: number;
    doubleMarked: number;
  };
  vsFinal: PairFigures;
  vsReads: PairFigures;
  /** The judge against the reads of the double-marked answers: the same answers as humanHuman. */
  vsReadsOnDouble: PairFigures;
  humanHuman: PairFigures;
  verdict: Verdict;
  /** Rows: the judge's score; columns: the final human score. */
  confusion: Confusion;
  items: { itemId: string; judge: ItemAgreement; human: ItemAgreement }[] | null;
  slices: SliceFigures[];
  /** Compared answers, largest |judge − final| first (ties by answer id), at most `disagreements`. */
  disagreements: { responseId: string; judge: number; final: number }[];
}

export interface QualityOptions {
  thresholds: AcceptanceThresholds;
  seed: number;
  replicates?: number;
  disagreements?: number;
  /** Per model and per source figures (researchers only: they name the models). */
  withSlices: boolean;
  /** The overview's figures only: no bootstrap of the "each read" row, which the overview does not show. */
  headline?: boolean;
}

const isInteger = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;

export function judgeQuality(
  q: QuestionScale,
  answers: JudgedAnswer[],
  o: QualityOptions,
): JudgeQuestionQuality {
  const scale: Scale = { min: 0, max: q.maxPoints, tolerance: q.tolerance };
  const fig = (name: string, pairs: [number, number][]) =>
    pairFigures(pairs, scale, {
      seed: seedOf(`${q.questionId}:${name}`, o.seed),
      replicates: o.replicates,
    });
  const judged = answers.filter((a) => a.judge !== null);
  const compared = judged.filter((a) => a.final !== null);
  const double = judged.filter((a) => a.reads.length >= 2);
  const vsFinalPairs = (xs: JudgedAnswer[]) =>
    xs.filter((a) => a.final !== null).map((a) => [a.judge!, a.final!] as [number, number]);
  const humanPairs = (xs: JudgedAnswer[]) =>
    xs
      .filter((a) => a.reads.length >= 2)
      .map((a) => [a.reads[0].points, a.reads[1].points] as [number, number]);
  const readPairs = (xs: JudgedAnswer[]) =>
    xs.flatMap((a) => a.reads.map((r) => [a.judge!, r.points] as [number, number]));

  const vsFinal = fig('final', vsFinalPairs(judged));
  const vsReads = o.headline ? fig('reads', []) : fig('reads', readPairs(judged));
  const vsReadsOnDouble = fig('reads-double', readPairs(double));
  const humanHuman = fig('human', humanPairs(judged));
  const verdict = acceptance(
    {
      answers: compared.length,
      judgeHumanQwk: vsReadsOnDouble.qwk.value,
      humanHumanQwk: humanHuman.qwk.value,
      humanPairs: humanHuman.n,
      smd: vsFinal.smd.value,
    },
    o.thresholds,
  );
  const pairs = vsFinalPairs(judged);
  const step = pairs.every(([a, b]) => isInteger(a) && isInteger(b)) ? 1 : 0.5;
  const confusion = confusionMatrix(pairs, { ...scale, step });

  let items: JudgeQuestionQuality['items'] = null;
  if (q.itemIds?.length) {
    const judgeReads = judged.flatMap((a) => a.reads.map((r) => ({ a: a.judgeItems, b: r.items })));
    const humanReads = double.map((a) => ({ a: a.reads[0].items, b: a.reads[1].items }));
    const j = itemAgreement(judgeReads, q.itemIds);
    const h = itemAgreement(humanReads, q.itemIds);
    items = q.itemIds.map((itemId, i) => ({ itemId, judge: j[i], human: h[i] }));
  }

  const slices: SliceFigures[] = [];
  if (o.withSlices) {
    const groups = new Map<
      string,
      { kind: SliceFigures['kind']; value: string; xs: JudgedAnswer[] }
    >();
    const add = (kind: SliceFigures['kind'], value: string, a: JudgedAnswer) => {
      const k = `${kind}:${value}`;
      if (!groups.has(k)) groups.set(k, { kind, value, xs: [] });
      groups.get(k)!.xs.push(a);
    };
    for (const a of judged) {
      add('source', a.source, a);
      if (a.modelId) add('model', a.modelId, a);
    }
    for (const [k, g] of [...groups].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      slices.push({
        kind: g.kind,
        value: g.value,
        answers: g.xs.length,
        vsFinal: fig(`${k}:final`, vsFinalPairs(g.xs)),
        humanHuman: fig(`${k}:human`, humanPairs(g.xs)),
      });
  }

  const disagreements = compared
    .map((a) => ({ responseId: a.responseId, judge: a.judge!, final: a.final! }))
    .filter((d) => Math.abs(d.judge - d.final) > 1e-9)
    .sort(
      (x, y) =>
        Math.abs(y.judge - y.final) - Math.abs(x.judge - x.final) ||
        (x.responseId < y.responseId ? -1 : 1),
    )
    .slice(0, o.disagreements ?? 10);

  return {
    questionId: q.questionId,
    counts: {
      answers: answers.length,
      judged: judged.length,
      failed: answers.filter((a) => a.judgeStatus === 'failed').length,
      humanMarked: answers.filter((a) => a.final !== null).length,
      compared: compared.length,
      doubleMarked: double.length,
    },
    vsFinal,
    vsReads,
    vsReadsOnDouble,
    humanHuman,
    verdict,
    confusion,
    items,
    slices,
    disagreements,
  };
}
