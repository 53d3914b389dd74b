import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { answerExcerpt } from '../runs/answer-excerpt';
import { Dimension, DrillRow, ReportFilter, ReportsApiService } from './reports-api.service';
import { DrillJudgesComponent } from './report-scoring-source.component';

/**
 * The answers and marks behind one figure, in a side panel that takes the focus and gives it back
 * when closed (button or Escape). Answers are typeset as untrusted answer text.
 */
@Component({
  selector: 'yj-report-drill',
  imports: [MatButtonModule, TPipe, RichTextComponent, DrillJudgesComponent],
  host: { '(document:keydown.escape)': 'closed.emit()' },
  template: `
    <aside class="panel" role="dialog" [attr.aria-label]="title()" tabindex="-1" #panel>
      <div class="top">
        <h2>{{ title() }}</h2>
        <button mat-button (click)="closed.emit()" [attr.title]="'report.closeHint' | t">
          {{ 'report.close' | t }}
        </button>
      </div>
      <p class="muted">
        {{ 'report.drillAnswers' | t: { n: rows().length } }} ·
        {{ 'report.papersCount' | t: { n: papers() } }}
      </p>
      @for (r of rows(); track r.responseId + r.number) {
        <div class="row">
          <div class="line">
            <b
              >{{ r.paperTitle }} · {{ r.number }}
              <small class="muted">· {{ 'report.sampleN' | t: { n: r.sample + 1 } }}</small></b
            >
            <span class="state" [class]="r.state">
              @if (r.state === 'scored') {
                {{ r.score }} / {{ r.maxPoints }}
              } @else {
                {{ 'report.state.' + r.state | t }}
              }
            </span>
          </div>
          @if (r.excerpt) {
            <yj-rich-text class="excerpt" [text]="excerpt(r.excerpt)" [isAnswer]="true" />
          }
          @for (m of r.marks ?? []; track $index) {
            <div class="mark muted">
              {{ m.marker }} · {{ 'report.read.' + m.kind | t }} · {{ m.points ?? '—' }}
            </div>
          }
          <yj-drill-judges [judges]="r.judges ?? []" />
        </div>
      }
    </aside>
  `,
  styles: `
    .panel {
      position: fixed;
      top: 64px;
      right: 0;
      bottom: 0;
      width: min(520px, 92vw);
      background: var(--mat-sys-surface);
      box-shadow: -4px 0 16px rgba(0, 0, 0, 0.18);
      padding: 12px 16px;
      overflow: auto;
      z-index: 10;
    }
    .top {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    h2 {
      font-size: 17px;
      margin: 0;
    }
    .row {
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 0;
    }
    .line {
      display: flex;
      justify-content: space-between;
    }
    .excerpt {
      display: block;
      font-size: 13px;
      margin: 4px 0;
      max-height: 120px;
      overflow: auto;
    }
    .mark {
      font-size: 12px;
    }
    .state {
      white-space: nowrap;
      margin-left: 12px;
    }
    .pending {
      color: #8d6e00;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportDrillComponent {
  private readonly api = inject(ReportsApiService);
  readonly title = input('');
  readonly filter = input.required<ReportFilter>();
  readonly entry = input.required<string>();
  readonly dimension = input.required<Dimension | 'question'>();
  readonly value = input.required<string>();
  readonly closed = output<void>();
  protected readonly rows = signal<DrillRow[]>([]);
  protected readonly papers = computed(() => new Set(this.rows().map((r) => r.paperTitle)).size);
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');

  constructor() {
    // Focus moves into the panel, and back to what opened it (a row, a cell) when it closes.
    const opener = document.activeElement as HTMLElement | null;
    afterNextRender(() => this.panel().nativeElement.focus());
    inject(DestroyRef).onDestroy(() => opener?.focus?.());
    effect((onCleanup) => {
      const sub = this.api
        .drill(this.filter(), this.entry(), this.dimension() as Dimension, this.value())
        .subscribe((r) => this.rows.set(r));
      onCleanup(() => sub.unsubscribe());
    });
  }

  /** The stored excerpt is cut at 400 characters by the database: end it outside any formula. */
  protected excerpt(text: string): string {
    return text.length >= 400 ? answerExcerpt(text, 360) : text;
  }
}
