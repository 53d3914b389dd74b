import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { latestValue } from '../../shared/data/latest-value';
import {
  Dimension,
  Figure,
  Finding,
  Findings,
  Report,
  ReportFilter,
  ReportsApiService,
} from './reports-api.service';

/** What the drill-down panel shows: a figure's answers (a finding's answers are those of its round). */
export interface Drilled {
  title: string;
  entry: string;
  dimension: Dimension | 'question';
  value: string;
  filter?: ReportFilter;
}

/** The filters the headline findings take: all of the report's but the runs (a round decides its runs). */
export function findingsFilter(f: ReportFilter): ReportFilter {
  const { runIds: _runs, ...rest } = f;
  return rest;
}

/**
 * The report page's state in one place: the researcher's filter, the report and the headline
 * findings loaded from it (each kept on screen while the next loads), the drill-down, and the
 * slices the sections show. Provided by the page, so every section reads the same filter.
 */
@Injectable()
export class ReportStore {
  private readonly api = inject(ReportsApiService);
  private readonly http = inject(HttpClient);

  readonly filter = signal<ReportFilter>({});
  readonly split = signal<Dimension>('objectivity');
  readonly drilled = signal<Drilled | null>(null);

  private readonly reportResource = rxResource({
    params: () => this.filter(),
    stream: ({ params }) => this.api.report(params),
  });
  private readonly findingsResource = rxResource({
    params: () => findingsFilter(this.filter()),
    stream: ({ params }) => this.api.findings(params),
  });

  readonly report = latestValue<Report | null>(this.reportResource, null);
  readonly loading = computed(() => this.reportResource.isLoading());
  readonly findings = latestValue<Findings | null>(this.findingsResource, null);
  readonly findingsLoading = computed(() => this.findingsResource.isLoading());

  /** The filters' options (each read once per page). */
  readonly rounds = latestValue(rxResource({ stream: () => this.api.rounds() }), []);
  readonly cohorts = latestValue(rxResource({ stream: () => this.api.cohorts() }), []);
  /** The judges with judgements (the judge-quality API; read here, not through the quality feature). */
  readonly judges = latestValue(
    rxResource({
      stream: () =>
        this.http.get<{ judgeModelId: string; templateVersion: string; name: string }[]>(
          '/api/judge-quality/judges',
        ),
    }),
    [],
  );

  readonly synthetic = computed(() => this.report()?.cohorts.some((c) => c.isSynthetic) ?? false);
  /** The simulated models of the report (their answers drawn by a script): named in a note. */
  readonly simulated = computed(() => [
    ...new Set((this.report()?.entries ?? []).filter((e) => e.isSimulated).map((e) => e.modelName)),
  ]);
  private readonly of = (d: Dimension) =>
    computed<Figure[]>(() => this.report()?.figures.filter((f) => f.dimension === d) ?? []);
  readonly overall = this.of('overall');
  readonly bySubject = this.of('subject');
  readonly bySplit = computed(
    () => this.report()?.figures.filter((f) => f.dimension === this.split()) ?? [],
  );

  /** A figure's answers (its title says which model and slice). */
  drill(f: Figure, slice: string) {
    this.drilled.set({
      title: `${this.modelName(f.entryKey)} · ${slice}`,
      entry: f.entryKey,
      dimension: f.dimension,
      value: f.value,
    });
  }

  /** One question's answers of one row of the heat map. */
  drillQuestion(entry: string, questionId: string, title: string) {
    this.drilled.set({
      title: `${this.modelName(entry)} · ${title}`,
      entry,
      dimension: 'question',
      value: questionId,
    });
  }

  /** A finding's answers: those of its round, under the same filters the finding was computed on. */
  openFinding(f: Finding, title: string) {
    if (!f.drill) return;
    this.drilled.set({
      title,
      entry: f.drill.entry,
      dimension: f.drill.dimension,
      value: f.drill.value,
      filter: { ...findingsFilter(this.filter()), roundId: f.drill.roundId },
    });
  }

  /** A filter change; the same choice again is no change (it would reload the report for nothing). */
  update(patch: Partial<ReportFilter>) {
    const next = { ...this.filter(), ...patch };
    if (JSON.stringify(next) !== JSON.stringify(this.filter())) this.filter.set(next);
  }

  modelName(entry: string) {
    return this.report()?.entries.find((x) => x.key === entry)?.modelName ?? '';
  }

  exportUrl(format: 'csv' | 'xlsx') {
    return this.api.exportUrl(this.filter(), format);
  }

  findingsCsvUrl() {
    return this.api.findingsCsvUrl({
      ...findingsFilter(this.filter()),
      roundId: this.findings()?.round?.id,
    });
  }
}
