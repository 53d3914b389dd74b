import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { basisText } from './report-labels';
import { modelColour, VERDICT_COLOURS } from './report-palette';
import { entryLabel, Figure, ReportEntry } from './reports-api.service';

interface Row {
  /** The slice (subject) on the first row of its group; empty below it when each row names its model. */
  label: string;
  /** The model of the row, when the chart has more than one. */
  model: string;
  colour: string;
  entry: string;
  rate: number | null;
  cohort: number | null;
  lo: number | null;
  hi: number | null;
  verdict: string | null;
  /** What the verdict rests on: "on 48% of the points, all objective". */
  basis: string;
  /** The row's model is a simulated one (answers drawn by a script). */
  simulated: boolean;
  y: number;
}

const ROW = 38;
const HEADER = 20;
/** Left edge of the plot: room for subject names, or for model names under a subject heading. */
const LEFT = { subjects: 80, models: 220 };
const PLOT = 690;
const WIDTH = 980;

/**
 * Models against students by subject: the students' score rate (grey diamond), each model's rate
 * (dot) and its 95% interval (whisker: the cohort rate plus the interval of the difference), and at
 * the right the verdict with the share of the points it rests on. With several models each row is
 * named, under a heading per subject. Plain SVG: no chart library, legible when printed.
 */
@Component({
  selector: 'yj-report-chart',
  imports: [TPipe],
  templateUrl: './report-chart.component.html',
  styleUrl: './report-chart.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportChartComponent {
  private readonly i18n = inject(I18nService);
  readonly figures = input.required<Figure[]>();
  readonly entries = input.required<ReportEntry[]>();
  /** Label of each figure value (subject names in the reader's language). */
  readonly labelOf = input<(value: string) => string>((v) => v);
  /** Order of the values (subjects in the catalogue's order); ties by label. */
  readonly rankOf = input<(value: string) => number>(() => 0);

  protected readonly width = WIDTH;
  protected readonly plot = PLOT;
  protected readonly ROW = ROW;
  protected readonly ticks = [0, 0.25, 0.5, 0.75, 1];

  protected readonly rows = computed<Row[]>(() => {
    const order = new Map(this.entries().map((e, i) => [e.key, i]));
    const byKey = new Map(this.entries().map((e) => [e.key, e]));
    const [label, rank] = [this.labelOf(), this.rankOf()];
    const isNamed = this.entries().length > 1;
    // A model's name, or "model · run" where the same model is in several runs.
    const models = this.entries().map((e) => e.modelId);
    const nameOf = (e: ReportEntry) =>
      models.indexOf(e.modelId) === models.lastIndexOf(e.modelId) ? e.modelName : entryLabel(e);
    const figs = [...this.figures()].sort(
      (a, b) =>
        rank(a.value) - rank(b.value) ||
        label(a.value).localeCompare(label(b.value)) ||
        order.get(a.entryKey)! - order.get(b.entryKey)!,
    );
    let y = 30;
    let last = '';
    return figs.map((f) => {
      const first = f.value !== last;
      if (last && first) y += 8;
      if (first && isNamed) y += HEADER;
      last = f.value;
      const entry = byKey.get(f.entryKey);
      const row: Row = {
        label: first ? label(f.value) : '',
        model: isNamed && entry ? nameOf(entry) : '',
        colour: this.colour(order.get(f.entryKey)!),
        entry: f.entryKey,
        rate: f.modelRate,
        cohort: f.cohortRate,
        lo: f.ci && f.cohortRate !== null ? f.cohortRate + f.ci[0] : null,
        hi: f.ci && f.cohortRate !== null ? f.cohortRate + f.ci[1] : null,
        verdict: f.verdict,
        basis: f.modelRate === null ? '' : basisText(this.i18n, f),
        // Named rows carry the badge; a single model's is in the page's note above the chart.
        simulated: isNamed && !!entry?.isSimulated,
        y,
      };
      y += ROW;
      return row;
    });
  });

  protected readonly height = computed(() => (this.rows().at(-1)?.y ?? 20) + 24);

  /** The interval as one path: the bar from low to high, with a cap at each end. */
  protected whisker(lo: number, hi: number, y: number): string {
    const [a, b] = [this.x(lo), this.x(hi)];
    return `M${a} ${y}H${b}M${a} ${y - 5}V${y + 5}M${b} ${y - 5}V${y + 5}`;
  }

  protected x(rate: number): number {
    const left = this.entries().length > 1 ? LEFT.models : LEFT.subjects;
    return left + Math.max(0, Math.min(1, rate)) * (PLOT - left - 10);
  }

  protected readonly label = entryLabel;

  /** A model's name cut to the label column; the full name is the row's tooltip. */
  protected short(name: string): string {
    return name.length > 26 ? `${name.slice(0, 25)}…` : name;
  }

  protected colour(i: number): string {
    return modelColour(i);
  }

  protected verdictColour(v: string | null): string {
    return VERDICT_COLOURS[(v ?? 'tie') as keyof typeof VERDICT_COLOURS] ?? VERDICT_COLOURS.tie;
  }
}
