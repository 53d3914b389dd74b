import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { entryLabel, HeatRow, ReportEntry } from './reports-api.service';

/**
 * Per question: each model's score rate, coloured by how far it is from the students' rate
 * (blue above, red below, deeper the further). Pending and not-scored cells are grey and say so.
 */
@Component({
  selector: 'yj-report-heat-map',
  imports: [TPipe, DecimalPipe],
  template: `
    <div class="scroll">
      <table class="heat">
        <thead>
          <tr>
            <th>{{ 'report.paper' | t }}</th>
            <th>{{ 'report.question' | t }}</th>
            <th class="num">{{ 'report.students' | t }}</th>
            @for (e of entries(); track e.key) {
              <th class="num" [title]="label(e)">{{ e.modelName }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (r of rows(); track r.questionId) {
            <tr>
              <td class="paper" [title]="r.paperTitle">
                <b>{{ 'subject.' + r.subject | t }}</b> · {{ r.paperTitle }}
              </td>
              <td>
                {{ r.number }} <small class="muted">({{ r.maxPoints }})</small>
              </td>
              <td class="num">
                {{ r.cohortRate === null ? '—' : (r.cohortRate * 100 | number: '1.0-0') + '%' }}
              </td>
              @for (c of r.cells; track c.entryKey) {
                <td
                  class="num cell"
                  [class.grey]="c.state !== 'scored'"
                  [style.background]="c.state === 'scored' ? colour(c.rate, r.cohortRate) : null"
                  (click)="open.emit({ entryKey: c.entryKey, questionId: r.questionId })"
                >
                  @switch (c.state) {
                    @case ('scored') {
                      {{ c.rate! * 100 | number: '1.0-0' }}%
                    }
                    @case ('pending') {
                      {{ 'report.pendingShort' | t }}
                    }
                    @case ('not_scored') {
                      {{ 'report.notScoredShort' | t }}
                    }
                    @default {
                      ·
                    }
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .scroll {
      max-height: 520px;
      overflow: auto;
    }
    .heat {
      border-collapse: collapse;
      font-size: 13px;
    }
    th {
      position: sticky;
      top: 0;
      background: var(--mat-sys-surface);
      padding: 6px 8px;
      text-align: left;
    }
    td {
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
      min-width: 56px;
    }
    .cell {
      cursor: pointer;
    }
    .grey {
      background: repeating-linear-gradient(45deg, #eee, #eee 4px, #f7f7f7 4px, #f7f7f7 8px);
      color: #616161;
    }
    .paper {
      max-width: 320px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportHeatMapComponent {
  readonly rows = input.required<HeatRow[]>();
  readonly entries = input.required<ReportEntry[]>();
  readonly open = output<{ entryKey: string; questionId: string }>();

  protected readonly label = entryLabel;

  protected colour(rate: number | null, cohort: number | null): string | null {
    if (rate === null) return null;
    if (cohort === null) return '#f5f5f5';
    const d = Math.max(-1, Math.min(1, rate - cohort));
    const alpha = 0.12 + 0.6 * Math.abs(d);
    return d >= 0 ? `rgba(21, 101, 192, ${alpha})` : `rgba(198, 40, 40, ${alpha})`;
  }
}
