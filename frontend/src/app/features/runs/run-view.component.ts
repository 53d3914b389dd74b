import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
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
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { PapersApiService } from '../papers/papers-api.service';
import { answerExcerpt } from './answer-excerpt';
import { AnswerGradeComponent } from './answer-grade.component';
import { RunAnswer, RunProgress, RunsApiService } from './runs-api.service';

type Filter = 'all' | 'unparsed' | 'changed';

/** A run, live: one progress bar per model, refreshed every second while it runs; its answers below. */
@Component({
  selector: 'yj-run-view',
  imports: [
    RouterLink,
    DecimalPipe,
    MatButtonModule,
    MatProgressBarModule,
    TPipe,
    AnswerGradeComponent,
    RichTextComponent,
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
      <h2>{{ 'runs.answers' | t }}</h2>
      <div class="filters" role="group" [attr.aria-label]="'runs.answers' | t">
        @for (f of filters; track f) {
          <button
            mat-stroked-button
            [class.on]="filter() === f"
            [attr.aria-pressed]="filter() === f"
            (click)="setFilter(f)"
          >
            {{ 'grade.filter.' + f | t }}
          </button>
        }
        <span class="spacer"></span>
        <button mat-button (click)="regrade()">{{ 'grade.regrade' | t }}</button>
        @if (regraded(); as rg) {
          <span class="note" role="status">{{ 'grade.regraded' | t: rg }}</span>
        }
      </div>
      <p class="muted count">{{ 'runs.answersShown' | t: { n: answers().length } }}</p>
      <table class="table">
        @for (g of groups(); track g.key) {
          <tbody [class.samples]="g.answers.length > 1">
            @if (g.answers.length > 1) {
              <tr class="group">
                <th colspan="5" scope="rowgroup">
                  <a [routerLink]="['/papers', g.paperVersionId]" [attr.title]="g.paperTitle">{{
                    shortTitle(g.paperTitle)
                  }}</a>
                  · {{ g.questionNumber }} · {{ g.model }}
                  <small class="muted"
                    >· {{ 'runs.samplesCount' | t: { n: g.answers.length } }}</small
                  >
                </th>
              </tr>
            }
            @for (a of g.answers; track a.workItemId) {
              <tr>
                <td class="nowrap">
                  @if (g.answers.length > 1) {
                    <span class="sample">{{ 'runs.sampleN' | t: { n: a.sampleIndex + 1 } }}</span>
                  } @else {
                    <a [routerLink]="['/papers', a.paperVersionId]" [attr.title]="a.paperTitle">{{
                      shortTitle(a.paperTitle)
                    }}</a>
                    · {{ a.questionNumber }}
                  }
                </td>
                <td>
                  @if (g.answers.length === 1) {
                    {{ a.model }}
                  }
                </td>
                <td class="nowrap" [class.warn]="a.state === 'failed'">
                  {{ 'runs.state.' + a.state | t }}
                </td>
                <td class="grade">
                  @if (a.state === 'answered' || a.grades) {
                    <yj-answer-grade [grades]="a.grades" />
                  }
                </td>
                <td class="out">
                  @if (a.text) {
                    <details (toggle)="loadPrompt(a)">
                      <summary>
                        <yj-rich-text class="excerpt" [text]="excerpt(a.text)" [isAnswer]="true" />
                      </summary>
                      @if (prompts()[a.workItemId]; as prompt) {
                        <div class="label">
                          {{ (a.isImported ? 'runs.promptImported' : 'runs.prompt') | t }}
                        </div>
                        <pre class="prompt">{{ prompt }}</pre>
                      }
                      <div class="label">{{ 'runs.output' | t }}</div>
                      <pre>{{ a.text }}</pre>
                    </details>
                  } @else if (a.lastError) {
                    <span class="warn">{{ a.lastError }}</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        }
      </table>
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
    .nowrap {
      white-space: nowrap;
    }
    .filters {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
      flex-wrap: wrap;
    }
    .filters .on {
      background: var(--mat-sys-secondary-container);
    }
    .spacer {
      flex: 1;
    }
    .note {
      font-size: 13px;
    }
    .grade {
      min-width: 220px;
      max-width: 360px;
    }
    .out {
      max-width: 480px;
    }
    pre {
      white-space: pre-wrap;
      font-size: 13px;
      background: var(--mat-sys-surface-container);
      padding: 8px;
      border-radius: 6px;
    }
    .label {
      font-size: 12px;
      color: var(--mat-sys-primary);
      margin-top: 6px;
    }
    .prompt {
      max-height: 240px;
      overflow: auto;
    }
    summary {
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    .excerpt {
      display: inline-block;
      width: calc(100% - 20px);
      vertical-align: top;
    }
    .group th {
      text-align: left;
      font-weight: 500;
      padding: 10px 8px 4px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .samples td:first-child {
      padding-left: 20px;
    }
    .sample {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .count {
      font-size: 13px;
      margin: 0 0 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunViewComponent {
  readonly id = input.required<string>();
  private readonly api = inject(RunsApiService);
  protected readonly run = signal<RunProgress | null>(null);
  protected readonly answers = signal<RunAnswer[]>([]);
  /** The samples of one question by one model together (the API orders them so), in sample order. */
  protected readonly groups = computed(() => {
    const out: (Pick<RunAnswer, 'paperVersionId' | 'paperTitle' | 'questionNumber' | 'model'> & {
      key: string;
      answers: RunAnswer[];
    })[] = [];
    for (const a of this.answers()) {
      const key = `${a.questionId}|${a.model}`;
      const last = out.at(-1);
      if (last?.key === key) last.answers.push(a);
      else out.push({ ...a, key, answers: [a] });
    }
    return out;
  });
  protected readonly prompts = signal<Record<string, string>>({});
  protected readonly filters: Filter[] = ['all', 'unparsed', 'changed'];
  protected readonly filter = signal<Filter>('all');
  protected readonly regraded = signal<{ checked: number; changed: number } | null>(null);
  private readonly papers = inject(PapersApiService);
  private readonly i18n = inject(I18nService);
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

  protected shortTitle(title: string): string {
    return title.replace('普通高等学校招生全国统一考试', '');
  }

  /**
   * A preview of the answer, typeset: whitespace folded to one line, images as a word (an answer
   * may not load them, and a cut link would show as source), never cut inside a formula.
   */
  protected excerpt(text: string): string {
    const folded = text
      .replace(/!\[[^\]]*\]\([^)]*\)?/g, this.i18n.t('runs.imageInAnswer'))
      .replace(/\s*\n\s*/g, ' ');
    return answerExcerpt(folded, 60);
  }

  /** The question exactly as this model received it, in its modality (images appear as [image] here). */
  protected loadPrompt(a: RunAnswer) {
    if (this.prompts()[a.workItemId]) return;
    this.papers
      .renderQuestion(a.paperVersionId, a.questionId, a.modality === 'vision' ? 'vision' : 'text')
      .subscribe((r) => {
        const text = r.questions[0]?.messages
          .map((m) =>
            typeof m.content === 'string'
              ? m.content
              : m.content.map((p) => (p.type === 'text' ? p.text : '[image]')).join('\n'),
          )
          .join('\n\n');
        this.prompts.update((all) => ({ ...all, [a.workItemId]: text ?? '' }));
      });
  }

  protected setFilter(f: Filter) {
    this.filter.set(f);
    this.loadAnswers();
  }

  /** Re-grades this run's stored answers with the current keys and grader; no model is called. */
  protected regrade() {
    this.api.regrade(this.id()).subscribe((r) => {
      this.regraded.set({ checked: r.checked, changed: r.changes.length });
      this.loadAnswers();
    });
  }

  private loadAnswers() {
    const f = this.filter();
    this.api.answers(this.id(), f === 'all' ? undefined : f).subscribe((a) => this.answers.set(a));
  }

  protected act(action: 'pause' | 'resume' | 'cancel') {
    this.api.setStatus(this.id(), action).subscribe(() => this.refresh(this.id()));
  }

  private refresh(id: string) {
    if (this.timer) clearTimeout(this.timer);
    this.api.run(id).subscribe((r) => {
      this.run.set(r);
      this.loadAnswers();
      // Poll while requests are still going; a finished run is final.
      if (r.status === 'running') this.timer = setTimeout(() => this.refresh(id), 1000);
    });
  }
}
