/**
 * The report's answers: its rows (a model in a run), figures per slice, the heat map, the headline
 * findings of a round and what each rests on. The statistics are the server's; the client words
 * codes and draws figures. `At` is a time's type: a Date on the server, an ISO string on the wire.
 */
import type { Agreement } from './quality';

/** A model against the students, from its interval: above, below, or no difference. */
export type ReportVerdict = 'above' | 'below' | 'tie';

/** The slices a report cuts its figures by. */
export type ReportDimension =
  'overall' | 'subject' | 'group' | 'objectivity' | 'type' | 'tag' | 'stage' | 'grade';

/** Whose scores a report counts: teachers, teachers else a validated judge, or the judge alone. */
export const SCORING_SOURCES = ['teachers', 'teachers_else_validated_judge', 'judge_only'] as const;
export type ScoringSource = (typeof SCORING_SOURCES)[number];

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

export interface Coverage {
  totalPoints: number;
  scoredPoints: number;
  pendingPoints: number;
  notScoredPoints: number;
  notApplicablePoints: number;
}

/** Questions of a slice left out of its rates, by reason. */
export interface LeftOut {
  pending: number;
  notScored: number;
  notApplicable: number;
  noCohort: number;
}

/** Points by where their scores came from (the report's scoring source). */
export interface SourcePoints {
  rules: number;
  teachers: number;
  judge: number;
  none: number;
}

/** A model's figure on one slice: its rate, the students', the difference with its interval. */
export interface Figure {
  entryKey: string;
  dimension: ReportDimension;
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
  verdict: ReportVerdict | null;
  percentile: number | null;
  coverage: Coverage;
  agreement: (Agreement & { flagged: boolean }) | null;
  change: {
    previousKey: string;
    diff: number;
    ci: [number, number] | null;
    verdict: ReportVerdict | null;
  } | null;
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

/** A cohort a report or a finding compares with. */
export interface ReportCohortSummary {
  id: string;
  paperVersionId: string;
  name: string;
  isSynthetic: boolean;
  students: number;
}

export interface Report {
  entries: ReportEntry[];
  cohorts: ReportCohortSummary[];
  figures: Figure[];
  heatMap: HeatRow[];
  method: { replicates: number; seed: number; level: number; minQwk: number };
}

/** The judge a report's scores come from, if any. */
export interface ReportJudge {
  judgeModelId: string;
  templateVersion: string;
  name: string;
}

/** What a figure rests on: points scored, still pending, not scorable; and the students. */
export interface RestsOn {
  totalPoints: number;
  scoredPoints: number;
  pendingPoints: number;
  notScoredPoints: number;
  /** Points both scored for the model and with student statistics: the figure's basis. */
  comparablePoints: number;
  questions: number;
  cohorts: number;
  students: number;
  /** Any cohort behind the figure is synthetic (generated, not real students). */
  synthetic: boolean;
  /** Any model behind the figure is simulated (its answers drawn by a script, not written by a model). */
  simulated: boolean;
}

export type AnchorDimension = 'overall' | 'stage' | 'subject' | 'group';
export type FindingParams = Record<string, string | number | boolean | null | string[]>;

/** A headline finding: a code the catalogue words, its figures, what it rests on, the answers behind it. */
export interface Finding {
  /** e.g. finding.model_vs_students.tie */
  code: string;
  params: FindingParams;
  restsOn: RestsOn;
  /** The answers behind the finding: a model (run:model), a slice, in a round. */
  drill: { roundId: string; entry: string; dimension: AnchorDimension; value: string } | null;
}

/** An evaluation round: its runs (with their models) and how many papers they cover. */
export interface Round<At = string> {
  id: string;
  name: string;
  heldOn: string;
  notes: string;
  createdAt: At;
  runs: { id: string; name: string; models: string[] }[];
  papers: number;
}

/** Whose scores a report counts, by which judge, and on which questions that judge is validated. */
export interface ReportScoring {
  source: ScoringSource;
  /** The judge (null in 'teachers', or when no judge read these answers). */
  judge: ReportJudge | null;
  /** Questions on which that judge is validated (only read in 'teachers_else_validated_judge'). */
  validatedQuestionIds: string[];
}

/** One answer's scored unit behind a figure, with its marks. */
export interface DrillRow<At = string> {
  responseId: string;
  questionId: string;
  paperTitle: string;
  number: string;
  maxPoints: number;
  sample: number;
  state: string;
  score: number | null;
  excerpt: string | null;
  marks: { marker: string; kind: string; points: number | null; at: At }[] | null;
}

/** A judge's latest judgement of a drilled unit, shown beside the teachers' reads. */
export interface DrillJudgeRead {
  judge: string;
  template: string;
  status: 'scored' | 'failed';
  points: number | null;
  items: string[];
  adjustment: number;
  rationale: string | null;
  failureCode: string | null;
}

export interface RoundRef {
  id: string;
  name: string;
  heldOn: string;
}

/** `GET /api/reports/findings`: the headline findings of a round against the students, and since the round before. */
export interface FindingsResponse {
  round: RoundRef | null;
  previous: RoundRef | null;
  findings: Finding[];
  cohorts: ReportCohortSummary[];
  /** Whose scores the findings count (the report's scoring source, one judge for both rounds). */
  scoring: Pick<ReportScoring, 'source' | 'judge'>;
  /** The filters applied (the panel says what the findings cover); runs are not one of them. */
  filters: { narrowed: string[]; runsIgnored: boolean };
  method: { replicates: number; seed: number; level: number };
}

/** `GET /api/cohorts` row: students who sat a paper, as question statistics or a score matrix. */
export interface CohortSummary<At = string> {
  id: string;
  paperVersionId: string;
  paperTitle: string;
  subject: string;
  name: string;
  kind: 'question_stats' | 'score_matrix';
  isSynthetic: boolean;
  students: number;
  sourceFile: string | null;
  createdAt: At;
}
