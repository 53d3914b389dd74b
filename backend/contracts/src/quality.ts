/**
 * Agreement figures shared by the marking monitor and the judge-quality pages: the statistics are
 * computed on the server (backend/src/statistics), the client only shows them.
 */

/** Agreement of two readers on the same answers: exact, within tolerance, and quadratic weighted kappa. */
export interface Agreement {
  n: number;
  exact: number | null;
  adjacent: number | null;
  qwk: number | null;
}

export interface Estimate {
  value: number | null;
  /** 95% bootstrap percentile interval; null with fewer than two defined replicates. */
  ci: [number, number] | null;
}

/** One reader against another: the agreement figures, each with its bootstrap interval. */
export interface PairFigures {
  n: number;
  exact: Estimate;
  adjacent: Estimate;
  qwk: Estimate;
  meanDiff: Estimate;
  smd: Estimate;
}

/** The bars a judge must clear on a question before its scores may stand in for teachers'. */
export interface JudgeThresholds {
  minAnswers: number;
  /** Human–human pairs needed before their QWK is a bar to measure against. */
  minHumanPairs: number;
  maxQwkDrop: number;
  maxSmd: number;
}

export const JUDGE_VALIDATION_CODES = [
  'judge.validation.validated',
  'judge.validation.no_human_pairs',
  'judge.validation.too_few',
  'judge.validation.qwk_below_humans',
  'judge.validation.biased',
] as const;
export type JudgeValidationCode = (typeof JUDGE_VALIDATION_CODES)[number];

/** Whether the judge is validated on a question, and if not the first bar it missed (a code the client words). */
export interface JudgeVerdict {
  validated: boolean;
  code: JudgeValidationCode;
  params: Record<string, number | null>;
}

/** Per rubric item, for item-mode rubrics: whether two reads of each answer both applied the item. */
export interface ItemAgreement {
  itemId: string;
  n: number;
  /** How many answers each reader applied the item to. */
  appliedA: number;
  appliedB: number;
  /** Share of answers on which both applied it or both did not. */
  agreement: number | null;
  /** Cohen's kappa on applied / not applied (QWK on two categories is Cohen's kappa). */
  kappa: number | null;
}

/** `GET /api/judge-quality/judges` row: a judge (model and template) and how much it has read. */
export interface JudgeSummary {
  judgeModelId: string;
  templateVersion: string;
  name: string;
  isImported: boolean;
  answers: number;
  questions: number;
}

/** How many answers a judge's figures on a question rest on. A type alias, so it passes as translation parameters. */
export type JudgeCounts = {
  answers: number;
  judged: number;
  failed: number;
  humanMarked: number;
  compared: number;
  doubleMarked: number;
};

/** One question of `GET /api/judge-quality/questions`: counts, the headline figures and the verdict. */
export interface JudgeQuestionSummary {
  questionId: string;
  number: string;
  paperTitle: string;
  subject: string;
  maxPoints: number;
  counts: JudgeCounts;
  verdict: JudgeVerdict;
  vsFinal: PairFigures;
  vsReadsOnDouble: PairFigures;
  humanHuman: PairFigures;
}

export interface JudgeQualityOverview {
  thresholds: JudgeThresholds;
  questions: JudgeQuestionSummary[];
}

/** A score scale's confusion matrix: counts[i][j] answers scored scores[i] by one reader and scores[j] by the other. */
export interface Confusion {
  /** The score of each row and column (min, min + step, …, max). */
  scores: number[];
  counts: number[][];
}

/** An answer where the judge and the teachers' final score differ most, blind unless the reader may know its writer. */
export interface Disagreement {
  responseId: string;
  judge: number;
  final: number;
  excerpt: string;
  judgeItems: string[];
  judgeAdjustment: number;
  rationale: string | null;
  reads: { kind: string; points: number | null; items: string[] }[];
  /** Only for researchers and admins. */
  source?: string | null;
  modelName?: string | null;
}

/** `GET /api/judge-quality/questions/:id`: one question in full. */
export interface JudgeQuestionDetail {
  question: {
    id: string;
    number: string;
    paperTitle: string;
    subject: string;
    maxPoints: number;
    tolerance: number;
  };
  thresholds: JudgeThresholds;
  method: { seed: number; replicates: number; level: number };
  counts: JudgeCounts;
  vsFinal: PairFigures;
  vsReads: PairFigures;
  vsReadsOnDouble: PairFigures;
  humanHuman: PairFigures;
  verdict: JudgeVerdict;
  confusion: Confusion;
  items: { itemId: string; judge: ItemAgreement; human: ItemAgreement }[] | null;
  /** By writer (students, models) and, for researchers and admins, by model. */
  slices: {
    kind: 'source' | 'model';
    value: string;
    label: string;
    answers: number;
    vsFinal: PairFigures;
    humanHuman: PairFigures;
  }[];
  disagreements: Disagreement[];
}
