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
