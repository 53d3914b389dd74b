import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { ReportChartComponent } from './report-chart.component';
import { ReportDrillComponent } from './report-drill.component';
import { ReportFiltersComponent } from './report-filters.component';
import { ReportFindingsComponent } from './report-findings.component';
import { ReportRoundSelectComponent } from './report-round-select.component';
import { ReportHeatMapComponent } from './report-heat-map.component';
import {
  ReportScoringNoteComponent,
  ReportScoringSelectComponent,
} from './report-scoring-source.component';
import { sliceLabel, sliceRank } from './report-labels';
import { ReportTableComponent } from './report-table.component';
import {
  Dimension,
  Figure,
  Finding,
  Report,
  ReportFilter,
  ReportsApiService,
} from './reports-api.service';

const SPLITS: Dimension[] = ['objectivity', 'group', 'type', 'tag', 'stage', 'grade'];
/** The report a researcher publishes: models against students by subject, with intervals. */
@Component({
  selector: 'yj-report-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatProgressBarModule,
    TPipe,
    ReportFiltersComponent,
    ReportFindingsComponent,
    ReportRoundSelectComponent,
    ReportChartComponent,
    ReportTableComponent,
    ReportHeatMapComponent,
    ReportDrillComponent,
    ReportScoringSelectComponent,
    ReportScoringNoteComponent,
  ],
  template: `
    <div class="head">
      <h1>{{ 'report.title' | t }}</h1>
      <span class="spacer"></span>
      <a mat-stroked-button [href]="exportUrl('csv')" download>{{ 'report.exportCsv' | t }}</a>
      <a mat-stroked-button [href]="exportUrl('xlsx')" download data-testid="export-xlsx">{{
        'report.exportXlsx' | t
      }}</a>
      <button mat-stroked-button (click)="print()">{{ 'report.print' | t }}</button>
    </div>
    <div class="filters no-print">
      <yj-report-round-select [(filter)]="filter" />
      <yj-report-filters [(filter)]="filter" />
      <yj-report-scoring-select [(filter)]="filter" />
      <span class="muted">{{ 'report.filterHint' | t }}</span>
    </div>
    <yj-report-findings [filter]="filter()" (open)="drillFinding($event.finding, $event.title)" />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (report(); as r) {
      @if (synthetic()) {
        <div class="synthetic" role="note">
          {{ 'report.syntheticNote' | t: { n: r.cohorts.length } }}
        </div>
      }
      @if (!r.entries.length) {
        <p class="muted">{{ 'report.empty' | t }}</p>
      } @else {
        <p class="method muted">
          {{
            'report.method'
              | t
                : {
                    level: r.method.level * 100,
                    b: r.method.replicates,
                    seed: r.method.seed,
                    qwk: r.method.minQwk,
                  }
          }}
          · {{ 'report.cohortsCount' | t: { n: r.cohorts.length } }} · {{ r.generatedMs }} ms
        </p>
        <yj-report-scoring-note [report]="r" />
        <section>
          <h2>{{ 'report.bySubject' | t }}</h2>
          <yj-report-chart
            [figures]="bySubject()"
            [entries]="r.entries"
            [labelOf]="subjectLabel"
            [rankOf]="subjectRank"
          />
        </section>
        <section>
          <h2>{{ 'report.overall' | t }}</h2>
          <yj-report-table
            [figures]="overall()"
            [entries]="r.entries"
            [valueHeader]="''"
            [labelOf]="overallLabel"
            (open)="drill($event)"
          />
        </section>
        <section>
          <yj-report-table
            [figures]="bySubject()"
            [entries]="r.entries"
            [valueHeader]="'report.subject' | t"
            [labelOf]="subjectLabel"
            [rankOf]="subjectRank"
            (open)="drill($event)"
          />
        </section>
        <section>
          <div class="split-head">
            <h2>{{ 'report.splits' | t }}</h2>
            <mat-button-toggle-group
              [value]="split()"
              (change)="split.set($event.value)"
              class="no-print"
              hideSingleSelectionIndicator
            >
              @for (d of splits; track d) {
                <mat-button-toggle [value]="d">{{ 'report.dim.' + d | t }}</mat-button-toggle>
              }
            </mat-button-toggle-group>
          </div>
          <yj-report-table
            [figures]="bySplit()"
            [entries]="r.entries"
            [valueHeader]="'report.dim.' + split() | t"
            [labelOf]="splitLabel()"
            [rankOf]="splitRank()"
            (open)="drill($event)"
          />
        </section>
        <section>
          <h2>{{ 'report.heatMap' | t }}</h2>
          <p class="muted">{{ 'report.heatHint' | t }}</p>
          <yj-report-heat-map
            [rows]="r.heatMap"
            [entries]="r.entries"
            (open)="drillQuestion($event.entryKey, $event.questionId)"
          />
        </section>
      }
    }
    @if (drilled(); as d) {
      <yj-report-drill
        [title]="d.title"
        [filter]="d.filter ?? filter()"
        [entry]="d.entry"
        [dimension]="d.dimension"
        [value]="d.value"
        (closed)="drilled.set(null)"
      />
    }
  `,
  styles: `
    .head,
    .filters,
    .split-head {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    section {
      margin: 20px 0 28px;
    }
    h2 {
      font-size: 18px;
      margin: 0 0 8px;
    }
    .synthetic {
      margin: 12px 0;
      padding: 10px 14px;
      border-radius: 8px;
      background: #fff3e0;
      color: #8a4b00;
      border: 1px solid #ffcc80;
      font-weight: 500;
    }
    .method {
      font-size: 13px;
    }
    @media print {
      .no-print,
      .head a,
      .head button {
        display: none !important;
      }
      section {
        break-inside: avoid;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPageComponent {
  private readonly api = inject(ReportsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly splits = SPLITS;
  protected readonly filter = signal<ReportFilter>({});
  protected readonly split = signal<Dimension>('objectivity');
  protected readonly report = signal<Report | null>(null);
  protected readonly loading = signal(false);
  protected readonly drilled = signal<{
    title: string;
    entry: string;
    dimension: Dimension | 'question';
    value: string;
    /** A finding's answers are those of its round (a change may point at either round). */
    filter?: ReportFilter;
  } | null>(null);

  protected readonly synthetic = computed(
    () => this.report()?.cohorts.some((c) => c.isSynthetic) ?? false,
  );
  private readonly of = (d: Dimension) =>
    computed(() => this.report()?.figures.filter((f) => f.dimension === d) ?? []);
  protected readonly overall = this.of('overall');
  protected readonly bySubject = this.of('subject');
  protected readonly bySplit = computed(
    () => this.report()?.figures.filter((f) => f.dimension === this.split()) ?? [],
  );

  protected readonly subjectLabel = (v: string) => sliceLabel(this.i18n, 'subject', v);
  protected readonly subjectRank = (v: string) => sliceRank('subject', v);
  protected readonly splitLabel = computed(() => {
    const d = this.split();
    return (v: string) => sliceLabel(this.i18n, d, v);
  });
  protected readonly splitRank = computed(() => {
    const d = this.split();
    return (v: string) => sliceRank(d, v);
  });

  /**
   * What the overall row covers: "all subjects" only when no subject or paper is chosen, else the
   * subjects it has; with the number of papers either way.
   */
  protected readonly overallLabel = () => {
    const r = this.report();
    const f = this.filter();
    const papers = this.i18n.t('report.papersCount', {
      n: new Set(r?.heatMap.map((h) => h.paperVersionId)).size,
    });
    if (!f.subjects?.length && !f.paperVersionIds?.length)
      return `${this.i18n.t('report.allSubjects')} · ${papers}`;
    const subjects = [...new Set(this.bySubject().map((x) => x.value))]
      .sort((a, b) => sliceRank('subject', a) - sliceRank('subject', b))
      .map(this.subjectLabel)
      .join(this.i18n.t('report.listSep'));
    return `${this.i18n.t('report.overallOf', { subjects })} · ${papers}`;
  };

  constructor() {
    effect((onCleanup) => {
      this.loading.set(true);
      const sub = this.api.report(this.filter()).subscribe({
        next: (r) => {
          this.report.set(r);
          this.loading.set(false);
        },
        error: () => this.loading.set(false),
      });
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected exportUrl(format: 'csv' | 'xlsx') {
    return this.api.exportUrl(this.filter(), format);
  }

  protected print() {
    window.print();
  }

  private modelName(entry: string) {
    return this.report()?.entries.find((x) => x.key === entry)?.modelName ?? '';
  }

  protected drill(f: Figure) {
    const slice =
      f.dimension === 'overall' ? this.overallLabel() : sliceLabel(this.i18n, f.dimension, f.value);
    this.drilled.set({
      title: `${this.modelName(f.entryKey)} · ${slice}`,
      entry: f.entryKey,
      dimension: f.dimension,
      value: f.value,
    });
  }

  protected drillFinding(f: Finding, title: string) {
    if (!f.drill) return;
    this.drilled.set({
      title,
      entry: f.drill.entry,
      dimension: f.drill.dimension,
      value: f.drill.value,
      filter: { roundId: f.drill.roundId, cohortIds: this.filter().cohortIds },
    });
  }

  protected drillQuestion(entry: string, questionId: string) {
    const row = this.report()?.heatMap.find((h) => h.questionId === questionId);
    this.drilled.set({
      title: `${this.modelName(entry)} · ${row?.paperTitle ?? ''} · ${this.i18n.t('report.questionN', { n: row?.number ?? '' })}`,
      entry,
      dimension: 'question',
      value: questionId,
    });
  }
}
