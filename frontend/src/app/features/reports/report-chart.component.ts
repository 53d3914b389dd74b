import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { entryLabel, Figure, ReportEntry } from './reports-api.service';

export const PALETTE = [
  '#1565c0',
  '#c62828',
  '#2e7d32',
  '#6a1b9a',
  '#ef6c00',
  '#00838f',
  '#4e342e',
  '#ad1457',
];

interface Row {
  label: string;
  colour: string;
  entry: string;
  model: number | null;
  cohort: number | null;
  lo: number | null;
  hi: number | null;
  verdict: string | null;
  y: number;
}

const ROW = 26;
const LEFT = 150;
const WIDTH = 720;
const RIGHT = 110;

/**
 * Models against students by subject: the students' score rate (grey diamond), each model's rate
 * (dot) and its 95% interval (whisker: the cohort rate plus the interval of the difference).
 * Plain SVG: no chart library, legible when printed.
 */
@Component({
  selector: 'yj-report-chart',
  imports: [TPipe],
  template: `
    <svg
      [attr.viewBox]="'0 0 ' + (width + right) + ' ' + height()"
      [attr.height]="height()"
      role="img"
      [attr.aria-label]="'report.chart' | t"
      class="chart"
    >
      @for (tick of ticks; track tick) {
        <line
          [attr.x1]="x(tick)"
          [attr.x2]="x(tick)"
          y1="18"
          [attr.y2]="height() - 4"
          class="grid"
        />
        <text [attr.x]="x(tick)" y="12" class="tick">{{ tick * 100 }}%</text>
      }
      @for (r of rows(); track r.label + r.entry) {
        <text x="4" [attr.y]="r.y + 4" class="label">{{ r.label }}</text>
        @if (r.lo !== null && r.hi !== null) {
          <path [attr.d]="whisker(r.lo, r.hi, r.y)" [attr.stroke]="r.colour" class="whisker" />
        }
        @if (r.cohort !== null) {
          <rect
            [attr.x]="x(r.cohort) - 5"
            [attr.y]="r.y - 5"
            width="10"
            height="10"
            class="cohort"
            [attr.transform]="'rotate(45 ' + x(r.cohort) + ' ' + r.y + ')'"
          />
        }
        @if (r.model !== null) {
          <circle [attr.cx]="x(r.model)" [attr.cy]="r.y" r="6" [attr.fill]="r.colour" />
        }
        <text [attr.x]="width + 8" [attr.y]="r.y + 4" class="verdict" [class]="r.verdict ?? 'none'">
          {{
            (r.verdict
              ? 'report.verdict.' + r.verdict
              : r.model === null
                ? 'report.pendingShort'
                : 'report.noCohort'
            ) | t
          }}
        </text>
      }
    </svg>
    <div class="legend">
      <span><i class="diamond"></i>{{ 'report.students' | t }}</span>
      @for (e of entries(); track e.key; let i = $index) {
        <span><i class="dot" [style.background]="colour(i)"></i>{{ label(e) }}</span>
      }
      <span class="muted">{{ 'report.whisker' | t }}</span>
    </div>
  `,
  styles: `
    .chart {
      width: 100%;
      max-width: 900px;
      display: block;
    }
    .grid {
      stroke: var(--mat-sys-outline-variant);
      stroke-width: 1;
    }
    .tick {
      font-size: 11px;
      text-anchor: middle;
      fill: var(--mat-sys-on-surface-variant);
    }
    .label {
      font-size: 13px;
      fill: var(--mat-sys-on-surface);
    }
    .whisker {
      stroke-width: 2;
      fill: none;
    }
    .cohort {
      fill: #757575;
    }
    .verdict {
      font-size: 12px;
      font-weight: 500;
    }
    .above {
      fill: #1565c0;
    }
    .below {
      fill: #c62828;
    }
    .tie,
    .none {
      fill: #616161;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      font-size: 13px;
      margin: 4px 0 0 4px;
    }
    .legend i {
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-right: 6px;
      vertical-align: middle;
    }
    .dot {
      border-radius: 50%;
    }
    .diamond {
      background: #757575;
      transform: rotate(45deg);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportChartComponent {
  readonly figures = input.required<Figure[]>();
  readonly entries = input.required<ReportEntry[]>();
  /** Label of each figure value (subject names in the reader's language). */
  readonly labelOf = input<(value: string) => string>((v) => v);

  protected readonly width = WIDTH;
  protected readonly right = RIGHT;
  protected readonly ticks = [0, 0.25, 0.5, 0.75, 1];

  protected readonly rows = computed<Row[]>(() => {
    const order = new Map(this.entries().map((e, i) => [e.key, i]));
    const figs = [...this.figures()].sort(
      (a, b) => a.value.localeCompare(b.value) || order.get(a.entryKey)! - order.get(b.entryKey)!,
    );
    let y = 30;
    let last = '';
    return figs.map((f) => {
      if (last && f.value !== last) y += 8;
      const first = f.value !== last;
      last = f.value;
      const row: Row = {
        label: first ? this.labelOf()(f.value) : '',
        colour: this.colour(order.get(f.entryKey)!),
        entry: f.entryKey,
        model: f.modelRate,
        cohort: f.cohortRate,
        lo: f.ci && f.cohortRate !== null ? f.cohortRate + f.ci[0] : null,
        hi: f.ci && f.cohortRate !== null ? f.cohortRate + f.ci[1] : null,
        verdict: f.verdict,
        y,
      };
      y += ROW;
      return row;
    });
  });

  protected readonly height = computed(() => (this.rows().at(-1)?.y ?? 20) + 20);

  /** The interval as one path: the bar from low to high, with a cap at each end. */
  protected whisker(lo: number, hi: number, y: number): string {
    const [a, b] = [this.x(lo), this.x(hi)];
    return `M${a} ${y}H${b}M${a} ${y - 5}V${y + 5}M${b} ${y - 5}V${y + 5}`;
  }

  protected x(rate: number): number {
    return LEFT + Math.max(0, Math.min(1, rate)) * (WIDTH - LEFT - 10);
  }

  protected readonly label = entryLabel;

  protected colour(i: number): string {
    return PALETTE[i % PALETTE.length];
  }
}
