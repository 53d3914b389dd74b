import { Agreement } from '../../statistics/agreement';
import { Histogram } from '../../statistics/distribution';

/** A scored unit of a paper: a question, or a sub-question of a composite one. */
export interface ReportQuestion {
  id: string;
  paperVersionId: string;
  paperTitle: string;
  number: string;
  subject: string;
  group: string;
  type: string;
  isObjective: boolean;
  tags: string[];
  grade: number;
  stage: string;
  maxPoints: number;
}

export interface ReportCohort {
  id: string;
  paperVersionId: string;
  name: string;
  isSynthetic: boolean;
  students: number;
  /** Mean score per question id. */
  means: Map<string, number>;
  /** Student-resampled means (replicate × question, in `replicateQuestions` order), when a matrix exists. */
  replicates: number[][] | null;
  replicateQuestions: string[];
}

/** One model in one run: a row of the report. */
export interface ReportEntry {
  key: string;
  runId: string;
  runName: string;
  modelId: string;
  modelName: string;
  /** The same model's previous run, for "change since the last run". */
  previousKey: string | null;
  /** A simulated writer (answers drawn by a script, not a model's): every figure on it says so. */
  isSimulated?: boolean;
}

/** A model's result on one question in one run, over its samples. */
export interface ModelUnit {
  entryKey: string;
  questionId: string;
  scored: number;
  /** Mean score of the scored samples. */
  score: number | null;
  pending: number;
  notScored: number;
  notApplicable: number;
}

export interface ReportInput {
  questions: ReportQuestion[];
  cohorts: ReportCohort[];
  entries: ReportEntry[];
  units: ModelUnit[];
  /** Marker pairs (two independent reads of one answer) per question, with its tolerance. */
  agreementPairs: Map<string, { pairs: [number, number][]; tolerance: number }>;
  /** Student totals over a set of questions of one cohort (null when the cohort has no matrix). */
  totals: (cohortId: string, questionIds: string[]) => Histogram | null;
  replicates: number;
  seed: number;
  /** Below this QWK, humans disagree too much to judge a model on those answers. */
  minQwk: number;
}

export type Verdict = 'above' | 'below' | 'tie';

export interface Coverage {
  totalPoints: number;
  scoredPoints: number;
  pendingPoints: number;
  notScoredPoints: number;
  notApplicablePoints: number;
}

export interface LeftOut {
  pending: number;
  notScored: number;
  notApplicable: number;
  noCohort: number;
}

export interface Figure {
  entryKey: string;
  dimension: 'overall' | 'subject' | 'group' | 'objectivity' | 'type' | 'tag' | 'stage' | 'grade';
  value: string;
  /** Questions the rates rest on: scored for the model and, when the slice has any, with cohort statistics. */
  questions: number;
  /** Questions of the slice left out of the rates, by reason (a question scored in none of its samples is pending while any is). */
  leftOut: LeftOut;
  /** Points of the questions the rates rest on, and how many of them are objective. */
  basis: { points: number; objectivePoints: number };
  modelRate: number | null;
  cohortRate: number | null;
  diff: number | null;
  ci: [number, number] | null;
  verdict: Verdict | null;
  percentile: number | null;
  coverage: Coverage;
  agreement: (Agreement & { flagged: boolean }) | null;
  change: { previousKey: string; diff: number; ci: [number, number] | null; verdict: Verdict | null } | null;
}

export interface HeatCell {
  entryKey: string;
  rate: number | null;
  state: 'scored' | 'pending' | 'not_scored' | 'absent';
}

export interface HeatRow {
  questionId: string;
  paperVersionId: string;
  paperTitle: string;
  number: string;
  subject: string;
  maxPoints: number;
  cohortRate: number | null;
  cells: HeatCell[];
}

export interface Report {
  entries: ReportEntry[];
  cohorts: { id: string; paperVersionId: string; name: string; isSynthetic: boolean; students: number }[];
  figures: Figure[];
  heatMap: HeatRow[];
  method: { replicates: number; seed: number; level: number; minQwk: number };
}
