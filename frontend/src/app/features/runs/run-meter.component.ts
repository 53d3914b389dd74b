import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TPipe } from '../../core/i18n/t.pipe';
import { RunMeter } from './live-run';

/**
 * One progress bar with its counts, rate, time left, tokens and cost: a model's on an answer run,
 * the judge's on a judge run. The bar's buffer is what has been sent; its value what has settled.
 */
@Component({
  selector: 'section[yjRunMeter]',
  imports: [DecimalPipe, MatProgressBarModule, TPipe],
  template: `
    @let m = meter();
    <div class="line">
      <b>{{ m.name }}</b>
      <span>{{ m.done }} / {{ m.total }}</span>
    </div>
    <mat-progress-bar
      mode="buffer"
      [value]="(100 * m.done) / (m.total || 1)"
      [bufferValue]="(100 * (m.total - m.pending)) / (m.total || 1)"
    />
    <div class="stats">
      @for (c of m.counts; track c.key) {
        <span [class.warn]="c.warn && c.n">{{ c.key | t }} {{ c.n }}</span>
      }
      <span>{{
        'runs.reqPerSecond' | t: { n: (m.requestsPerSecond | number: '1.1-1') ?? '' }
      }}</span>
      <span>{{
        'runs.eta'
          | t: { t: m.etaSeconds === null ? '—' : ('runs.etaSeconds' | t: { n: m.etaSeconds }) }
      }}</span>
      <span>{{ 'runs.tokens' | t: { in: m.tokensIn, out: m.tokensOut } }}</span>
      <span
        >{{ 'runs.cost' | t }}
        {{ m.cost === null ? ('runs.unknown' | t) : (m.cost | number: '1.2-4') }}</span
      >
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .line {
      display: flex;
      justify-content: space-between;
      margin-bottom: 4px;
    }
    .stats {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font-size: 13px;
      margin-top: 6px;
      color: var(--mat-sys-on-surface-variant);
    }
    .warn {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunMeterComponent {
  readonly meter = input.required<RunMeter>();
}
