import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { ReportChartComponent } from './report-chart.component';
import { sliceLabel, sliceRank } from './report-labels';
import { ReportScoringNoteComponent } from './report-scoring-source.component';
import { ReportTableComponent } from './report-table.component';
import { ReportStore } from './report.store';
import { Figure } from './reports-api.service';

/**
 * The report's first sections: how it was computed, whose scores count, the chart of each subject
 * against the students, the overall row and the table by subject.
 */
@Component({
  selector: 'yj-report-overview',
  imports: [TPipe, ReportChartComponent, ReportTableComponent, ReportScoringNoteComponent],
  template: `
    @if (store.report(); as r) {
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
          [figures]="store.bySubject()"
          [entries]="r.entries"
          [labelOf]="subjectLabel"
          [rankOf]="subjectRank"
        />
      </section>
      <section>
        <h2>{{ 'report.overall' | t }}</h2>
        <yj-report-table
          [figures]="store.overall()"
          [entries]="r.entries"
          [valueHeader]="''"
          [labelOf]="overallLabel"
          (open)="open($event)"
        />
      </section>
      <section>
        <yj-report-table
          [figures]="store.bySubject()"
          [entries]="r.entries"
          [valueHeader]="'report.subject' | t"
          [labelOf]="subjectLabel"
          [rankOf]="subjectRank"
          (open)="open($event)"
        />
      </section>
    }
  `,
  styles: `
    section {
      margin: 20px 0 28px;
    }
    h2 {
      font-size: 18px;
      margin: 0 0 8px;
    }
    .method {
      font-size: 13px;
    }
    @media print {
      section {
        break-inside: avoid;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportOverviewComponent {
  protected readonly store = inject(ReportStore);
  private readonly i18n = inject(I18nService);

  protected readonly subjectLabel = (v: string) => sliceLabel(this.i18n, 'subject', v);
  protected readonly subjectRank = (v: string) => sliceRank('subject', v);

  /**
   * What the overall row covers: "all subjects" only when no subject, paper, stage or grade is
   * chosen, else the subjects it has; with the number of papers either way.
   */
  protected readonly overallLabel = () => {
    const r = this.store.report();
    const f = this.store.filter();
    const papers = this.i18n.t('report.papersCount', {
      n: new Set(r?.heatMap.map((h) => h.paperVersionId)).size,
    });
    if (!f.subjects?.length && !f.paperVersionIds?.length && !f.stages?.length && !f.grades?.length)
      return `${this.i18n.t('report.allSubjects')} · ${papers}`;
    const subjects = [...new Set(this.store.bySubject().map((x) => x.value))]
      .sort((a, b) => sliceRank('subject', a) - sliceRank('subject', b))
      .map(this.subjectLabel)
      .join(this.i18n.t('report.listSep'));
    return `${this.i18n.t('report.overallOf', { subjects })} · ${papers}`;
  };

  protected open(f: Figure) {
    const slice =
      f.dimension === 'overall' ? this.overallLabel() : sliceLabel(this.i18n, f.dimension, f.value);
    this.store.drill(f, slice);
  }
}
