import type { ReportEntry } from '@yuejuan/contracts';
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

// The report's answers are the client's too: defined once in @yuejuan/contracts.
export type {
  Coverage,
  Figure,
  HeatCell,
  HeatRow,
  LeftOut,
  Report,
  ReportEntry,
  ReportVerdict as Verdict,
} from '@yuejuan/contracts';
