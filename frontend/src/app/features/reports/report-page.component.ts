import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TPipe } from '../../core/i18n/t.pipe';
import { ReportDrillComponent } from './report-drill.component';
import { ReportFiltersComponent } from './report-filters.component';
import { ReportFindingsComponent } from './report-findings.component';
import { ReportOverviewComponent } from './report-overview.component';
import { ReportSplitsComponent } from './report-splits.component';
import { ReportStore } from './report.store';

/**
 * The report a researcher publishes: models against students by subject, with intervals. The page
 * lays out its sections (filters, headline findings, overview, splits, drill-down); their state
 * is the page's ReportStore, so every section follows the same filter.
 */
@Component({
  selector: 'yj-report-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    TPipe,
    ReportFiltersComponent,
    ReportFindingsComponent,
    ReportOverviewComponent,
    ReportSplitsComponent,
    ReportDrillComponent,
  ],
  providers: [ReportStore],
  template: `
    <div class="head">
      <h1>{{ 'report.title' | t }}</h1>
      <span class="spacer"></span>
      <a mat-stroked-button [href]="store.exportUrl('csv')" download>{{
        'report.exportCsv' | t
      }}</a>
      <a mat-stroked-button [href]="store.exportUrl('xlsx')" download data-testid="export-xlsx">{{
        'report.exportXlsx' | t
      }}</a>
      <button mat-stroked-button (click)="print()">{{ 'report.print' | t }}</button>
    </div>
    <div class="filters no-print">
      <yj-report-filters />
      <span class="muted">{{ 'report.filterHint' | t }}</span>
    </div>
    <yj-report-findings />
    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (store.report(); as r) {
      @if (store.synthetic()) {
        <div class="banner" role="note">
          {{ 'report.syntheticNote' | t: { n: r.cohorts.length } }}
        </div>
      }
      @if (store.simulated().length) {
        <div class="banner simulated" role="note" data-testid="report-simulated">
          {{
            'report.simulated.note' | t: { models: store.simulated().join('report.listSep' | t) }
          }}
        </div>
      }
      @if (!r.entries.length) {
        <p class="muted">{{ 'report.empty' | t }}</p>
      } @else {
        <yj-report-overview />
        <yj-report-splits />
      }
    }
    @if (store.drilled(); as d) {
      <yj-report-drill
        [title]="d.title"
        [filter]="d.filter ?? store.filter()"
        [entry]="d.entry"
        [dimension]="d.dimension"
        [value]="d.value"
        (closed)="store.drilled.set(null)"
      />
    }
  `,
  styles: `
    .head,
    .filters {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    .banner {
      margin: 12px 0;
      padding: 10px 14px;
      border-radius: 8px;
      background: #fff3e0;
      color: #8a4b00;
      border: 1px solid #ffcc80;
      font-weight: 500;
    }
    .banner.simulated {
      background: #ede7f6;
      color: #4527a0;
      border-color: #b39ddb;
    }
    @media print {
      .no-print,
      .head a,
      .head button {
        display: none !important;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPageComponent {
  protected readonly store = inject(ReportStore);

  protected print() {
    window.print();
  }
}
