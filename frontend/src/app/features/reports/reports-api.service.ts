import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CohortSummary,
  DrillRow as ContractDrillRow,
  DrillJudgeRead,
  Figure as ContractFigure,
  FindingsResponse,
  Report as ContractReport,
  ReportEntry,
  ReportDimension as Dimension,
  ReportScoring,
  Round,
  ScoringSource,
  SourcePoints,
} from '@yuejuan/contracts';

/** The report API's shapes, defined once in @yuejuan/contracts (the server's too). */
export type {
  DrillJudgeRead,
  HeatRow,
  ReportCohortSummary as ReportCohort,
  ReportDimension as Dimension,
  ReportEntry,
  ReportVerdict as Verdict,
  RestsOn,
  Finding,
  Round,
  ScoringSource,
  SourcePoints,
} from '@yuejuan/contracts';

/** A figure as the page gets it: with its points by source. */
export type Figure = ContractFigure & { sourcePoints?: SourcePoints };

/** `GET /api/reports`: the report, its scoring source and how long it took. */
export interface Report extends Omit<ContractReport, 'figures'> {
  figures: Figure[];
  generatedMs: number;
  scoring?: ReportScoring;
}

/** A drilled unit, with each judge's latest judgement beside the teachers' reads. */
export type DrillRow = ContractDrillRow & { judges?: DrillJudgeRead[] };

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

export type { CohortSummary } from '@yuejuan/contracts';

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

/** The findings, with their scope (older answers may lack it). */
export type Findings = Omit<FindingsResponse, 'scoring' | 'filters'> &
  Partial<Pick<FindingsResponse, 'scoring' | 'filters'>>;

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
