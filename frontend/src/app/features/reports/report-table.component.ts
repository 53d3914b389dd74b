import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { leftOutText } from './report-labels';
import { modelColour } from './report-palette';
import { SourcePointsComponent } from './report-scoring-source.component';
import { entryLabel, Figure, ReportEntry } from './reports-api.service';

/** The figures as a table: every number the chart shows, with coverage, agreement and change. */
@Component({
  selector: 'yj-report-table',
  imports: [TPipe, DecimalPipe, SourcePointsComponent],
  template: `
    <table class="figures">
      <thead>
        <tr>
          <th>{{ 'report.model' | t }}</th>
          <th>{{ valueHeader() }}</th>
          <th class="num">{{ 'report.modelRate' | t }}</th>
          <th class="num">{{ 'report.students' | t }}</th>
          <th class="num">{{ 'report.diff' | t }}</th>
          <th>{{ 'report.verdict' | t }}</th>
          <th class="num">{{ 'report.percentile' | t }}</th>
          <th class="num">{{ 'report.coverage' | t }}</th>
          <th class="num">{{ 'report.agreement' | t }}</th>
          @if (hasChange()) {
            <th class="num">{{ 'report.change' | t }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (f of sorted(); track f.entryKey + f.dimension + f.value) {
          <tr (click)="open.emit(f)" tabindex="0" (keydown.enter)="open.emit(f)">
            <td>
              <i class="dot" [style.background]="colourOf(f.entryKey)"></i
              >{{ entryName(f.entryKey) }}
              @if (isSimulated(f.entryKey)) {
                <span class="badge" data-testid="simulated-badge">{{
                  'report.simulated.badge' | t
                }}</span>
              }
            </td>
            <td class="value">
              {{ labelOf()(f.value) }}
              <small class="muted">· {{ 'report.questionsCount' | t: { n: f.questions } }}</small>
              @if (leftOut(f); as l) {
                <small class="left-out">{{ l }}</small>
              }
            </td>
            <td class="num">{{ pct(f.modelRate) }}</td>
            <td class="num">{{ pct(f.cohortRate) }}</td>
            <td class="num">
              {{ signed(f.diff) }}
              @if (f.ci) {
                <small class="muted sub">[{{ signed(f.ci[0]) }}, {{ signed(f.ci[1]) }}]</small>
              }
            </td>
            <td>
              @if (f.verdict) {
                <span class="chip" [class]="f.verdict">{{
                  'report.verdict.' + f.verdict | t
                }}</span>
              } @else if (f.modelRate === null && f.coverage.pendingPoints > 0) {
                <span class="chip pending">{{ 'report.pendingShort' | t }}</span>
              } @else if (f.modelRate !== null && f.cohortRate === null) {
                <span class="chip tie">{{ 'report.noCohort' | t }}</span>
              }
            </td>
            <td class="num">
              {{ f.percentile === null ? '—' : (f.percentile | number: '1.0-0') }}
            </td>
            <td class="num">
              {{
                pct(
                  f.coverage.totalPoints ? f.coverage.scoredPoints / f.coverage.totalPoints : null
                )
              }}
              @if (f.coverage.pendingPoints > 0) {
                <small class="pending-text sub">{{
                  'report.pendingPointsN'
                    | t: { n: (f.coverage.pendingPoints | number: '1.0-1') ?? '' }
                }}</small>
              }
              @if (f.coverage.notScoredPoints + f.coverage.notApplicablePoints > 0) {
                <small class="muted sub">{{
                  'report.notScoredPointsN'
                    | t
                      : {
                          n:
                            (f.coverage.notScoredPoints + f.coverage.notApplicablePoints
                              | number: '1.0-1') ?? '',
                        }
                }}</small>
              }
              <yj-source-points [points]="f.sourcePoints" />
            </td>
            <td class="num">
              @if (f.agreement; as a) {
                @if (a.n) {
                  <span
                    [class.flag]="a.flagged"
                    [title]="
                      'report.agreementHint'
                        | t: { exact: pct(a.exact), adjacent: pct(a.adjacent), n: a.n }
                    "
                  >
                    QWK {{ a.qwk === null ? '—' : (a.qwk | number: '1.2-2') }}
                    @if (a.flagged) {
                      ⚠
                    }
                  </span>
                  <small class="muted">· {{ 'report.pairsCount' | t: { n: a.n } }}</small>
                } @else {
                  <small class="muted">{{ 'report.noPairs' | t }}</small>
                }
              }
            </td>
            @if (hasChange()) {
              <td class="num">
                @if (f.change; as c) {
                  {{ signed(c.diff) }}
                  @if (c.ci) {
                    <small class="muted sub">[{{ signed(c.ci[0]) }}, {{ signed(c.ci[1]) }}]</small>
                  }
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .badge {
      margin-left: 4px;
      padding: 0 5px;
      border-radius: 8px;
      font-size: 11px;
      background: #ede7f6;
      color: #4527a0;
      border: 1px solid #b39ddb;
    }
    .figures {
      width: 100%;
      border-collapse: collapse;
      font-size: 13px;
    }
    th {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 2px solid var(--mat-sys-outline-variant);
      vertical-align: bottom;
    }
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    tbody tr {
      cursor: pointer;
    }
    tbody tr:hover,
    tbody tr:focus {
      background: var(--mat-sys-surface-container);
      outline: none;
    }
    td:first-child {
      min-width: 190px;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .value {
      min-width: 150px;
    }
    .left-out {
      display: block;
      white-space: nowrap;
      font-size: 11px;
      color: var(--mat-sys-on-surface-variant);
    }
    .dot {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      margin-right: 6px;
    }
    .chip {
      border-radius: 10px;
      padding: 1px 8px;
      font-size: 12px;
      white-space: nowrap;
    }
    .above {
      background: #e3f2fd;
      color: #0d47a1;
    }
    .below {
      background: #ffebee;
      color: #b71c1c;
    }
    .tie {
      background: #eeeeee;
      color: #424242;
    }
    .pending {
      background: #fff8e1;
      color: #8d6e00;
    }
    .sub {
      display: block;
    }
    .pending-text {
      color: #8d6e00;
    }
    .flag {
      color: #b71c1c;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportTableComponent {
  readonly figures = input.required<Figure[]>();
  readonly entries = input.required<ReportEntry[]>();
  readonly valueHeader = input('');
  readonly labelOf = input<(value: string) => string>((v) => v);
  /** Order of the values (subjects in the catalogue's order); ties by label. */
  readonly rankOf = input<(value: string) => number>(() => 0);
  readonly open = output<Figure>();
  private readonly i18n = inject(I18nService);

  /** The change column only when some row has a previous run to compare with. */
  protected readonly hasChange = computed(() => this.figures().some((f) => f.change));
  private readonly index = computed(() => new Map(this.entries().map((e, i) => [e.key, i])));
  protected readonly sorted = computed(() =>
    [...this.figures()].sort(
      (a, b) =>
        this.rankOf()(a.value) - this.rankOf()(b.value) ||
        this.labelOf()(a.value).localeCompare(this.labelOf()(b.value)) ||
        this.index().get(a.entryKey)! - this.index().get(b.entryKey)!,
    ),
  );

  protected leftOut(f: Figure): string {
    return leftOutText(this.i18n, f);
  }

  protected entryName(key: string): string {
    const e = this.entries()[this.index().get(key)!];
    return e ? entryLabel(e) : key;
  }

  protected isSimulated(key: string): boolean {
    return !!this.entries()[this.index().get(key)!]?.isSimulated;
  }

  protected colourOf(key: string): string {
    return modelColour(this.index().get(key) ?? 0);
  }

  protected pct(x: number | null): string {
    return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
  }

  /** Differences in percentage points, always signed: "+12.9", "−3.0". */
  protected signed(x: number | null): string {
    if (x === null) return '—';
    const v = (x * 100).toFixed(1);
    return x > 0 ? `+${v}` : x < 0 ? `−${v.slice(1)}` : v;
  }
}
