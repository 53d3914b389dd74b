import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  WritableSignal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from '../papers/papers-api.service';
import { SUBJECTS } from '../papers/papers.models';
import { RunsApiService } from '../runs/runs-api.service';
import { ReportChartComponent } from './report-chart.component';
import { ReportDrillComponent } from './report-drill.component';
import { ReportHeatMapComponent } from './report-heat-map.component';
import { ReportTableComponent } from './report-table.component';
import { Dimension, Figure, Report, ReportFilter, ReportsApiService } from './reports-api.service';

const SPLITS: Dimension[] = ['objectivity', 'group', 'type', 'tag', 'stage', 'grade'];
/** The report a researcher publishes: models against students by subject, with intervals. */
@Component({
  selector: 'yj-report-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    TPipe,
    ReportChartComponent,
    ReportTableComponent,
    ReportHeatMapComponent,
    ReportDrillComponent,
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
      @for (f of filters; track f.label) {
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ f.label | t }}</mat-label>
          <mat-select
            multiple
            [ngModel]="f.value()"
            (ngModelChange)="f.value.set($event)"
            [attr.aria-label]="f.label | t"
          >
            @for (o of f.options(); track o.id) {
              <mat-option [value]="o.id">{{ o.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <span class="muted">{{ 'report.filterHint' | t }}</span>
    </div>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (report(); as r) {
      @if (synthetic()) {
        <div class="synthetic" role="note">
          {{ 'report.syntheticBanner' | t: { n: r.cohorts.length } }}
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
          · {{ 'report.cohorts' | t: { n: r.cohorts.length } }} · {{ r.generatedMs }} ms
        </p>
        <section>
          <h2>{{ 'report.bySubject' | t }}</h2>
          <yj-report-chart [figures]="bySubject()" [entries]="r.entries" [labelOf]="subjectLabel" />
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
        [filter]="filter()"
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
    .filters mat-form-field {
      width: 220px;
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
  private readonly runsApi = inject(RunsApiService);
  protected readonly runs = toSignal(this.runsApi.runs());
  protected readonly models = toSignal(this.runsApi.models());
  protected readonly papers = toSignal(inject(PapersApiService).list({}));
  protected readonly cohortList = toSignal(this.api.cohorts());
  protected readonly modelIds = signal<string[]>([]);
  protected readonly paperIds = signal<string[]>([]);
  protected readonly cohortIds = signal<string[]>([]);
  protected readonly splits = SPLITS;
  protected readonly runIds = signal<string[]>([]);
  protected readonly subjects = signal<string[]>([]);
  protected readonly split = signal<Dimension>('objectivity');
  protected readonly report = signal<Report | null>(null);
  protected readonly loading = signal(false);
  protected readonly drilled = signal<{
    title: string;
    entry: string;
    dimension: Dimension | 'question';
    value: string;
  } | null>(null);

  /** The filter menus: each a label, its options and the chosen ids. */
  protected readonly filters: {
    label: string;
    options: () => { id: string; label: string }[];
    value: WritableSignal<string[]>;
  }[] = [
    {
      label: 'report.runs',
      options: () => (this.runs() ?? []).map((r) => ({ id: r.id, label: r.name })),
      value: this.runIds,
    },
    {
      label: 'report.models',
      options: () => (this.models() ?? []).map((m) => ({ id: m.id, label: m.name })),
      value: this.modelIds,
    },
    {
      label: 'report.papers',
      options: () => (this.papers() ?? []).map((p) => ({ id: p.id, label: p.title })),
      value: this.paperIds,
    },
    {
      label: 'report.cohortFilter',
      options: () =>
        (this.cohortList() ?? []).map((c) => ({
          id: c.id,
          label: `${c.paperTitle} · ${c.name}${c.isSynthetic ? ` (${this.i18n.t('cohorts.syntheticLabel')})` : ''}`,
        })),
      value: this.cohortIds,
    },
    {
      label: 'report.subjects',
      options: () => SUBJECTS.map((s) => ({ id: s, label: this.i18n.t(`subject.${s}`) })),
      value: this.subjects,
    },
  ];

  protected readonly filter = computed<ReportFilter>(() => ({
    runIds: this.runIds(),
    subjects: this.subjects(),
  }));
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

  protected readonly subjectLabel = (v: string) => this.i18n.t(`subject.${v}`);
  protected readonly overallLabel = () => this.i18n.t('report.allSubjects');
  protected readonly splitLabel = computed(() => {
    const d = this.split();
    const prefix = {
      objectivity: 'report.objectivity.',
      group: 'report.group.',
      type: 'type.',
      stage: 'stage.',
    }[d as string];
    return prefix ? (v: string) => this.i18n.t(prefix + v) : (v: string) => v;
  });

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

  protected drill(f: Figure) {
    const e = this.report()?.entries.find((x) => x.key === f.entryKey);
    this.drilled.set({
      title: `${e?.modelName ?? ''} · ${f.value}`,
      entry: f.entryKey,
      dimension: f.dimension,
      value: f.value,
    });
  }

  protected drillQuestion(entry: string, questionId: string) {
    const row = this.report()?.heatMap.find((h) => h.questionId === questionId);
    const e = this.report()?.entries.find((x) => x.key === entry);
    this.drilled.set({
      title: `${e?.modelName ?? ''} · ${row?.paperTitle ?? ''} ${row?.number ?? ''}`,
      entry,
      dimension: 'question',
      value: questionId,
    });
  }
}
