import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';

export type Verdict = 'above' | 'below' | 'tie';
export type Dimension =
  'overall' | 'subject' | 'group' | 'objectivity' | 'type' | 'tag' | 'stage' | 'grade';

export interface ReportEntry {
  key: string;
  runId: string;
  runName: string;
  modelId: string;
  modelName: string;
  previousKey: string | null;
  /** A simulated writer (answers drawn by a script): marked wherever it is shown. */
  isSimulated?: boolean;
}

export interface Figure {
  entryKey: string;
  dimension: Dimension;
  value: string;
  /** Questions the rates rest on (scored for the model, with cohort statistics where the slice has any). */
  questions: number;
  /** Questions of the slice left out of the rates, by reason. */
  leftOut: { pending: number; notScored: number; notApplicable: number; noCohort: number };
  /** Points of the questions the rates rest on, and how many of them are objective. */
  basis: { points: number; objectivePoints: number };
  modelRate: number | null;
  cohortRate: number | null;
  diff: number | null;
  ci: [number, number] | null;
  verdict: Verdict | null;
  percentile: number | null;
  coverage: {
    totalPoints: number;
    scoredPoints: number;
    pendingPoints: number;
    notScoredPoints: number;
    notApplicablePoints: number;
  };
  agreement: {
    n: number;
    exact: number | null;
    adjacent: number | null;
    qwk: number | null;
    flagged: boolean;
  } | null;
  change: {
    previousKey: string;
    diff: number;
    ci: [number, number] | null;
    verdict: Verdict | null;
  } | null;
  /** Points by where their scores came from (the report's scoring source). */
  sourcePoints?: SourcePoints;
}

/** Whose scores a report counts (backend/src/reports/report-scoring-source.ts). */
export type ScoringSource = 'teachers' | 'teachers_else_validated_judge' | 'judge_only';

export interface SourcePoints {
  rules: number;
  teachers: number;
  judge: number;
  none: number;
}

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

export interface HeatRow {
  questionId: string;
  paperVersionId: string;
  paperTitle: string;
  number: string;
  subject: string;
  maxPoints: number;
  cohortRate: number | null;
  cells: {
    entryKey: string;
    rate: number | null;
    state: 'scored' | 'pending' | 'not_scored' | 'absent';
  }[];
}

export interface ReportCohort {
  id: string;
  paperVersionId: string;
  name: string;
  isSynthetic: boolean;
  students: number;
}

export interface Report {
  entries: ReportEntry[];
  cohorts: ReportCohort[];
  figures: Figure[];
  heatMap: HeatRow[];
  method: { replicates: number; seed: number; level: number; minQwk: number };
  generatedMs: number;
  scoring?: {
    source: ScoringSource;
    judge: { judgeModelId: string; templateVersion: string; name: string } | null;
    validatedQuestionIds: string[];
  };
}

export interface DrillRow {
  responseId: string;
  paperTitle: string;
  number: string;
  maxPoints: number;
  sample: number;
  state: string;
  score: number | null;
  excerpt: string | null;
  marks: { marker: string; kind: string; points: number | null; at: string }[] | null;
  /** Each judge's latest judgement of this unit, beside the teachers' reads. */
  judges?: DrillJudgeRead[];
}

export interface ReportFilter {
  runIds?: string[];
  modelIds?: string[];
  paperVersionIds?: string[];
  subjects?: string[];
  /** School stages (primary, junior, senior) and grades (1–12) of the papers. */
  stages?: string[];
  grades?: number[];
  cohortIds?: string[];
  /** An evaluation round: the report of its runs, and its headline findings. */
  roundId?: string;
  /** Whose scores count (default: teachers), and by which judge (default: the one that read most). */
  scoringSource?: ScoringSource;
  judge?: string;
  judgeTemplate?: string;
}

export interface CohortSummary {
  id: string;
  paperVersionId: string;
  paperTitle: string;
  subject: string;
  name: string;
  kind: 'question_stats' | 'score_matrix';
  isSynthetic: boolean;
  students: number;
  sourceFile: string | null;
  createdAt: string;
}

/** "model · run", or just the run when it is named after its model (imported runs are). */
export function entryLabel(e: ReportEntry): string {
  return e.runName.includes(e.modelName) ? e.runName : `${e.modelName} · ${e.runName}`;
}

export function filterParams(f: ReportFilter): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(f))
    if (v?.length) p = p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p;
}

export interface Round {
  id: string;
  name: string;
  heldOn: string;
  notes: string;
  runs: { id: string; name: string; models: string[] }[];
  papers: number;
}

export interface RestsOn {
  totalPoints: number;
  scoredPoints: number;
  pendingPoints: number;
  notScoredPoints: number;
  comparablePoints: number;
  questions: number;
  cohorts: number;
  students: number;
  synthetic: boolean;
  /** Any model behind it is simulated. */
  simulated?: boolean;
}

/** A headline finding: a code the catalogue words, its figures, what it rests on, the answers behind it. */
export interface Finding {
  code: string;
  params: Record<string, string | number | boolean | null | string[]>;
  restsOn: RestsOn;
  drill: { roundId: string; entry: string; dimension: Dimension; value: string } | null;
}

export interface Findings {
  round: { id: string; name: string; heldOn: string } | null;
  previous: { id: string; name: string; heldOn: string } | null;
  findings: Finding[];
  cohorts: ReportCohort[];
  /** Whose scores the findings count (the report's scoring source). */
  scoring?: {
    source: ScoringSource;
    judge: { judgeModelId: string; templateVersion: string; name: string } | null;
  };
  /** The filters that narrowed the round, and whether a runs filter was left aside. */
  filters?: { narrowed: string[]; runsIgnored: boolean };
  method: { replicates: number; seed: number; level: number };
}

export type RoundInput = Partial<{ name: string; heldOn: string; notes: string; runIds: string[] }>;

@Injectable({ providedIn: 'root' })
export class ReportsApiService {
  private readonly http = inject(HttpClient);

  report(f: ReportFilter) {
    return this.http.get<Report>('/api/reports', { params: filterParams(f) });
  }

  drill(f: ReportFilter, entry: string, dimension: Dimension, value: string) {
    return this.http.get<DrillRow[]>('/api/reports/drill', {
      params: filterParams(f).set('entry', entry).set('dimension', dimension).set('value', value),
    });
  }

  /** A link the browser downloads with the session cookie (a GET needs no CSRF header). */
  exportUrl(f: ReportFilter, format: 'csv' | 'xlsx') {
    const q = filterParams(f).toString();
    return `/api/reports/export.${format}${q ? `?${q}` : ''}`;
  }

  cohorts() {
    return this.http.get<CohortSummary[]>('/api/cohorts');
  }

  /** The headline findings of the filter's round (the latest when none is chosen), on the same filters. */
  findings(f: ReportFilter) {
    return this.http.get<Findings>('/api/reports/findings', { params: filterParams(f) });
  }

  /** The same findings as a table (codes, figures, intervals, what each rests on). */
  findingsCsvUrl(f: ReportFilter) {
    const q = filterParams(f).toString();
    return `/api/reports/findings.csv${q ? `?${q}` : ''}`;
  }

  rounds() {
    return this.http.get<Round[]>('/api/reports/rounds');
  }

  createRound(r: RoundInput) {
    return this.http.post<Round>('/api/reports/rounds', r);
  }

  updateRound(id: string, r: RoundInput) {
    return this.http.patch<Round>(`/api/reports/rounds/${id}`, r);
  }

  deleteRound(id: string) {
    return this.http.delete<void>(`/api/reports/rounds/${id}`);
  }

  importCohort(paperVersionId: string, name: string, file: File) {
    const form = new FormData();
    form.append('paperVersionId', paperVersionId);
    form.append('name', name);
    form.append('file', file);
    return this.http.post<CohortSummary>('/api/cohorts', form);
  }

  synthetic(paperVersionId: string, students: number) {
    return this.http.post<CohortSummary>('/api/cohorts/synthetic', { paperVersionId, students });
  }
}
