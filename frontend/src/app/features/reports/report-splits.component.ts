import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { ReportHeatMapComponent } from './report-heat-map.component';
import { sliceLabel, sliceRank } from './report-labels';
import { ReportTableComponent } from './report-table.component';
import { ReportStore } from './report.store';
import { Dimension, Figure } from './reports-api.service';

const SPLITS: Dimension[] = ['objectivity', 'group', 'type', 'tag', 'stage', 'grade'];

/** The report's last sections: the figures split by one dimension at a time, and the per-question heat map. */
@Component({
  selector: 'yj-report-splits',
  imports: [MatButtonToggleModule, TPipe, ReportTableComponent, ReportHeatMapComponent],
  template: `
    @if (store.report(); as r) {
      <section>
        <div class="split-head">
          <h2>{{ 'report.splits' | t }}</h2>
          <mat-button-toggle-group
            [value]="store.split()"
            (change)="store.split.set($event.value)"
            class="no-print"
            hideSingleSelectionIndicator
          >
            @for (d of splits; track d) {
              <mat-button-toggle [value]="d">{{ 'report.dim.' + d | t }}</mat-button-toggle>
            }
          </mat-button-toggle-group>
        </div>
        <yj-report-table
          [figures]="store.bySplit()"
          [entries]="r.entries"
          [valueHeader]="'report.dim.' + store.split() | t"
          [labelOf]="splitLabel()"
          [rankOf]="splitRank()"
          (open)="open($event)"
        />
      </section>
      <section>
        <h2>{{ 'report.heatMap' | t }}</h2>
        <p class="muted">{{ 'report.heatHint' | t }}</p>
        <yj-report-heat-map
          [rows]="r.heatMap"
          [entries]="r.entries"
          (open)="openQuestion($event.entryKey, $event.questionId)"
        />
      </section>
    }
  `,
  styles: `
    .split-head {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    section {
      margin: 20px 0 28px;
    }
    h2 {
      font-size: 18px;
      margin: 0 0 8px;
    }
    @media print {
      .no-print {
        display: none !important;
      }
      section {
        break-inside: avoid;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportSplitsComponent {
  protected readonly store = inject(ReportStore);
  private readonly i18n = inject(I18nService);
  protected readonly splits = SPLITS;

  protected readonly splitLabel = computed(() => {
    const d = this.store.split();
    return (v: string) => sliceLabel(this.i18n, d, v);
  });
  protected readonly splitRank = computed(() => {
    const d = this.store.split();
    return (v: string) => sliceRank(d, v);
  });

  protected open(f: Figure) {
    this.store.drill(f, sliceLabel(this.i18n, f.dimension, f.value));
  }

  protected openQuestion(entry: string, questionId: string) {
    const row = this.store.report()?.heatMap.find((h) => h.questionId === questionId);
    const question = this.i18n.t('report.questionN', { n: row?.number ?? '' });
    this.store.drillQuestion(entry, questionId, `${row?.paperTitle ?? ''} · ${question}`);
  }
}
