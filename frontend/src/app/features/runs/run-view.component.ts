import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { JudgeStartComponent } from './judge-start.component';
import { RunAnswersComponent } from './run-answers.component';
import { RunProgress, RunsApiService } from './runs-api.service';

/** A run, live: one progress bar per model, refreshed every second while it runs; its answers below. */
@Component({
  selector: 'yj-run-view',
  imports: [
    RouterLink,
    DecimalPipe,
    MatButtonModule,
    MatProgressBarModule,
    TPipe,
    RunAnswersComponent,
    JudgeStartComponent,
  ],
  template: `
    <a routerLink="/runs" class="back">← {{ 'runs.title' | t }}</a>
    @if (run(); as r) {
      <h1>{{ r.name }}</h1>
      <p class="muted">{{ 'runs.status.' + r.status | t }} · {{ templateOf(r.templateVersion) }}</p>
      <div class="actions">
        @if (r.status === 'running') {
          <button mat-stroked-button (click)="act('pause')">{{ 'runs.pause' | t }}</button>
        }
        @if (r.status === 'paused') {
          <button mat-flat-button (click)="act('resume')">{{ 'runs.resume' | t }}</button>
        }
        @if (r.status === 'running' || r.status === 'paused') {
          <button mat-button (click)="act('cancel')">{{ 'runs.cancel' | t }}</button>
        }
      </div>
      @for (m of r.models; track m.modelId) {
        <section class="model" [attr.aria-label]="'runs.progressOf' | t: { name: m.name }">
          <div class="line">
            <b>{{ m.name }}</b>
            <span>{{ m.answered + m.failed + m.notApplicable + m.cancelled }} / {{ m.total }}</span>
          </div>
          <mat-progress-bar
            mode="buffer"
            [value]="
              (100 * (m.answered + m.failed + m.notApplicable + m.cancelled)) / (m.total || 1)
            "
            [bufferValue]="(100 * (m.total - m.pending)) / (m.total || 1)"
          />
          <div class="stats">
            <span>{{ 'runs.answered' | t }} {{ m.answered }}</span>
            <span>{{ 'runs.inFlight' | t }} {{ m.inFlight }}</span>
            <span>{{ 'runs.pending' | t }} {{ m.pending }}</span>
            <span [class.warn]="m.failed">{{ 'runs.failed' | t }} {{ m.failed }}</span>
            <span>{{ 'runs.notApplicable' | t }} {{ m.notApplicable }}</span>
            <span>{{
              'runs.reqPerSecond' | t: { n: (m.requestsPerSecond | number: '1.1-1') ?? '' }
            }}</span>
            <span>{{
              'runs.eta'
                | t
                  : {
                      t: m.etaSeconds === null ? '—' : ('runs.etaSeconds' | t: { n: m.etaSeconds }),
                    }
            }}</span>
            <span>{{ 'runs.tokens' | t: { in: m.tokensIn, out: m.tokensOut } }}</span>
            <span
              >{{ 'runs.cost' | t }}
              {{ m.cost === null ? ('runs.unknown' | t) : (m.cost | number: '1.2-4') }}</span
            >
          </div>
        </section>
      }
      <yj-judge-start [runId]="id()" />
      <yj-run-answers [runId]="id()" [version]="version()" />
    }
  `,
  styles: `
    .back {
      text-decoration: none;
      font-size: 14px;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin: 8px 0 16px;
    }
    .model {
      margin: 12px 0 20px;
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
export class RunViewComponent {
  readonly id = input.required<string>();
  private readonly api = inject(RunsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly run = signal<RunProgress | null>(null);
  /** Counts the refreshes, so the answers below reload with the progress. */
  protected readonly version = signal(0);
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timer && clearTimeout(this.timer));
    effect(() => this.refresh(this.id()));
  }

  /** An imported run records "imported (zh-exam@1 not used)": worded in the reader's language. */
  protected templateOf(version: string): string {
    const imported = /^imported \((.+) not used\)$/.exec(version);
    return imported
      ? this.i18n.t('runs.templateImported', { v: imported[1] })
      : `${this.i18n.t('paper.template')} ${version}`;
  }

  protected act(action: 'pause' | 'resume' | 'cancel') {
    this.api.setStatus(this.id(), action).subscribe(() => this.refresh(this.id()));
  }

  private refresh(id: string) {
    if (this.timer) clearTimeout(this.timer);
    this.api.run(id).subscribe((r) => {
      this.run.set(r);
      this.version.update((n) => n + 1);
      // Poll while requests are still going; a finished run is final.
      if (r.status === 'running') this.timer = setTimeout(() => this.refresh(id), 1000);
    });
  }
}
