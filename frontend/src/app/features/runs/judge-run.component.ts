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
import {
  JudgeApiService,
  JudgedQuestion,
  Judgement,
  JudgeRunProgress,
  JudgeVisibility,
} from './judge-api.service';
import { ANY_PARAMS } from '../../core/i18n/judge-failure';
import { RunsApiService } from './runs-api.service';

/** A judge run, live: progress, tokens and cost as for answers, and every failed judgement with its reason in words. */
@Component({
  selector: 'yj-judge-run',
  imports: [RouterLink, DecimalPipe, MatButtonModule, MatProgressBarModule, TPipe],
  template: `
    <a routerLink="/runs" class="back">← {{ 'runs.title' | t }}</a>
    @if (run(); as r) {
      <h1>{{ r.name }}</h1>
      <p class="muted">
        {{ 'runs.status.' + r.status | t }} ·
        {{ 'judge.run.template' | t: { v: r.templateVersion } }}
        ·
        @if (r.sourceRunName) {
          <a [routerLink]="['/runs', r.scope.sourceRunId]">{{
            'judge.run.scope.run' | t: { name: r.sourceRunName }
          }}</a>
        } @else {
          {{ 'judge.run.scope.question' | t: { n: r.questionNumber ?? '' } }}
        }
      </p>
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
      <section class="model" [attr.aria-label]="'runs.progressOf' | t: { name: r.judge.name }">
        <div class="line">
          <b>{{ r.judge.name }}</b>
          <span
            >{{ r.judged + r.callsFailed + r.notApplicable + r.cancelled }} / {{ r.total }}</span
          >
        </div>
        <mat-progress-bar
          mode="buffer"
          [value]="
            (100 * (r.judged + r.callsFailed + r.notApplicable + r.cancelled)) / (r.total || 1)
          "
          [bufferValue]="(100 * (r.total - r.pending)) / (r.total || 1)"
        />
        <div class="stats">
          <span>{{ 'judge.run.scored' | t }} {{ r.scored }}</span>
          <span [class.warn]="r.failedJudgements"
            >{{ 'judge.run.failedJudgements' | t }} {{ r.failedJudgements }}</span
          >
          <span>{{ 'runs.inFlight' | t }} {{ r.inFlight }}</span>
          <span>{{ 'runs.pending' | t }} {{ r.pending }}</span>
          <span>{{ 'runs.notApplicable' | t }} {{ r.notApplicable }}</span>
          <span>{{
            'runs.reqPerSecond' | t: { n: (r.requestsPerSecond | number: '1.1-1') ?? '' }
          }}</span>
          <span>{{
            'runs.eta'
              | t: { t: r.etaSeconds === null ? '—' : ('runs.etaSeconds' | t: { n: r.etaSeconds }) }
          }}</span>
          <span>{{ 'runs.tokens' | t: { in: r.tokensIn, out: r.tokensOut } }}</span>
          <span
            >{{ 'runs.cost' | t }}
            {{ r.cost === null ? ('runs.unknown' | t) : (r.cost | number: '1.2-4') }}</span
          >
        </div>
      </section>
      <h2>{{ 'judge.run.failures' | t }}</h2>
      @if (r.failures.length) {
        <ul class="codes">
          @for (f of r.failures; track f.code) {
            <li>
              <span>{{ failureName(f.code) }}</span> <b>{{ f.n }}</b>
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'judge.run.noFailures' | t }}</p>
      }
      @if (questions().length) {
        <h2>{{ 'judge.vis.title' | t }}</h2>
        <p class="muted small">{{ 'judge.vis.hint' | t }}</p>
        <table class="table" [attr.aria-label]="'judge.vis.title' | t">
          <tbody>
            @for (q of questions(); track q.questionId) {
              <tr>
                <td class="nowrap">
                  {{ q.paperTitle }} · {{ 'judge.run.question' | t: { n: q.questionNumber } }}
                </td>
                <td class="nowrap">
                  {{ 'judge.run.scored' | t }} {{ q.scored }} ·
                  <span [class.warn]="q.failed"
                    >{{ 'judge.run.failedJudgements' | t }} {{ q.failed }}</span
                  >
                </td>
                <td>
                  <select
                    [attr.aria-label]="'judge.vis.of' | t: { n: q.questionNumber }"
                    [value]="q.visibility"
                    (change)="setVisibility(q, $any($event.target).value)"
                  >
                    @for (v of visibilities; track v) {
                      <option [value]="v" [selected]="v === q.visibility">
                        {{ 'judge.vis.' + v | t }}
                      </option>
                    }
                  </select>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (failed().length) {
        <h2>{{ 'judge.run.failedList' | t }}</h2>
        <table class="table">
          <tbody>
            @for (j of failed(); track j.id) {
              <tr>
                <td class="nowrap">
                  {{ j.paperTitle }} · {{ 'judge.run.question' | t: { n: j.questionNumber } }}
                </td>
                <td class="warn">{{ failureText(j) }}</td>
                <td>
                  @if (j.rawOutput !== null) {
                    <details>
                      <summary>{{ 'judge.run.rawOutput' | t }}</summary>
                      <pre>{{ j.rawOutput }}</pre>
                    </details>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
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
    h2 {
      font-size: 16px;
      margin: 20px 0 8px;
    }
    .codes b {
      margin-left: 8px;
    }
    .codes {
      margin: 0;
      padding-left: 20px;
      font-size: 14px;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: 14px;
    }
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .small {
      font-size: 13px;
      margin: 0 0 6px;
    }
    .nowrap {
      white-space: nowrap;
    }
    pre {
      white-space: pre-wrap;
      max-width: 560px;
      font-size: 12px;
    }
    .warn {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeRunComponent {
  readonly id = input.required<string>();
  private readonly api = inject(JudgeApiService);
  private readonly runs = inject(RunsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly run = signal<JudgeRunProgress | null>(null);
  protected readonly failed = signal<Judgement[]>([]);
  protected readonly questions = signal<JudgedQuestion[]>([]);
  protected readonly visibilities: JudgeVisibility[] = ['hidden', 'after_own_read', 'seniors_only'];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timer && clearTimeout(this.timer));
    effect(() => this.refresh(this.id()));
  }

  protected failureName(code: string): string {
    // The reason alone: its parameters belong to one answer each, so they show as an ellipsis.
    return this.i18n.t(`judge.failure.${code}`, ANY_PARAMS);
  }

  protected failureText(j: Judgement): string {
    return j.failureCode
      ? this.i18n.t(`judge.failure.${j.failureCode}`, j.failureParams ?? {})
      : '';
  }

  protected setVisibility(q: JudgedQuestion, visibility: JudgeVisibility) {
    this.api
      .setVisibility(q.questionId, visibility)
      .subscribe(() => this.api.questions(this.id()).subscribe((l) => this.questions.set(l)));
  }

  protected act(action: 'pause' | 'resume' | 'cancel') {
    this.runs.setStatus(this.id(), action).subscribe(() => this.refresh(this.id()));
  }

  private refresh(id: string) {
    if (this.timer) clearTimeout(this.timer);
    this.api.run(id).subscribe((r) => {
      const failedBefore = this.run()?.failedJudgements;
      this.run.set(r);
      if (r.failedJudgements !== failedBefore)
        this.api.judgements(id, 'failed').subscribe((f) => this.failed.set(f));
      if (r.status === 'running') this.timer = setTimeout(() => this.refresh(id), 1000);
      else this.api.questions(id).subscribe((l) => this.questions.set(l));
    });
  }
}
