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
  templateUrl: './report-table.component.html',
  styleUrl: './report-table.component.css',
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
