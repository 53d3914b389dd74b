import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { PapersApiService } from '../papers/papers-api.service';
import { answerExcerpt } from './answer-excerpt';
import { AnswerGradeComponent } from './answer-grade.component';
import { RunAnswer, RunsApiService } from './runs-api.service';

type Filter = 'all' | 'unparsed' | 'changed';

/**
 * A run's answers: filtered (all, unparsed, changed by a re-grade), one question's samples by one
 * model grouped under a heading and numbered from 1, each with its grade, a typeset preview, the
 * prompt the model received and its raw output.
 */
@Component({
  selector: 'yj-run-answers',
  imports: [RouterLink, MatButtonModule, TPipe, AnswerGradeComponent, RichTextComponent],
  template: `
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
  `,
  styles: `
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
export class RunAnswersComponent {
  readonly runId = input.required<string>();
  /** Bumped by the run page on each refresh while the run goes on, so the answers follow. */
  readonly version = input(0);
  private readonly api = inject(RunsApiService);
  private readonly papers = inject(PapersApiService);
  private readonly i18n = inject(I18nService);
  protected readonly answers = signal<RunAnswer[]>([]);
  protected readonly prompts = signal<Record<string, string>>({});
  protected readonly filters: Filter[] = ['all', 'unparsed', 'changed'];
  protected readonly filter = signal<Filter>('all');
  protected readonly regraded = signal<{ checked: number; changed: number } | null>(null);
  private readonly reloads = signal(0);

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

  constructor() {
    effect((onCleanup) => {
      const f = this.filter();
      this.version();
      this.reloads();
      const sub = this.api
        .answers(this.runId(), f === 'all' ? undefined : f)
        .subscribe((a) => this.answers.set(a));
      onCleanup(() => sub.unsubscribe());
    });
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
  }

  /** Re-grades this run's stored answers with the current keys and grader; no model is called. */
  protected regrade() {
    this.api.regrade(this.runId()).subscribe((r) => {
      this.regraded.set({ checked: r.checked, changed: r.changes.length });
      this.reloads.update((n) => n + 1);
    });
  }
}
