import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { ruleText } from './rule-text';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { MarkingApiService, SeniorItem } from './marking-api.service';

/** The seniors' desk: answers the reads did not settle and problem answers, every read side by side. */
@Component({
  selector: 'yj-senior-desk',
  imports: [MatButtonModule, TPipe, RichTextComponent],
  template: `
    <h1>{{ 'marking.senior' | t }}</h1>
    @if (items(); as list) {
      @if (!list.length) {
        <p role="status">{{ 'marking.seniorEmpty' | t }}</p>
      }
      @for (item of list; track item.taskId) {
        <section class="case" [attr.aria-label]="'case ' + item.taskId">
          <h2>
            {{ item.paperTitle }} · {{ 'marking.question' | t }} {{ item.questionNumber }} ·
            <span class="state">{{ 'marking.state.' + item.state | t }}</span>
          </h2>
          <p class="rule">{{ rule(item.rule) }}</p>
          <div class="cols">
            <div class="answer"><yj-rich-text [text]="item.answerText" [isAnswer]="true" /></div>
            <table class="reads">
              <tbody>
                @for (r of item.reads; track $index) {
                  <tr>
                    <td>{{ r.marker }}</td>
                    <td>{{ 'marking.kind.' + r.kind | t }}</td>
                    <td class="pts">{{ r.points ?? '—' }}</td>
                    <td>{{ r.problemReason ?? r.comment ?? '' }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <form
            class="decide"
            (submit)="$event.preventDefault(); decide(item, score.value, comment.value)"
          >
            <input
              #score
              type="number"
              step="0.5"
              min="0"
              [max]="item.maxPoints"
              [attr.aria-label]="'marking.finalScore' | t"
              [placeholder]="'0–' + item.maxPoints"
            />
            <input
              #comment
              class="comment"
              [attr.aria-label]="'marking.comment' | t"
              [placeholder]="'marking.comment' | t"
            />
            <button mat-flat-button type="submit">{{ 'marking.arbitrate' | t }}</button>
          </form>
        </section>
      }
    }
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
  `,
  styles: `
    .case {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 12px 16px;
      margin-bottom: 16px;
    }
    h2 {
      font-size: 16px;
      margin: 0 0 4px;
    }
    .state {
      color: var(--mat-sys-error);
    }
    .rule {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .cols {
      display: grid;
      grid-template-columns: 1.3fr 1fr;
      gap: 16px;
    }
    .answer {
      max-height: 260px;
      overflow: auto;
      background: var(--mat-sys-surface-container);
      padding: 8px 12px;
      border-radius: 6px;
      font-size: 14px;
    }
    .reads {
      border-collapse: collapse;
      font-size: 14px;
      align-self: start;
    }
    .reads td {
      padding: 4px 10px 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .pts {
      font-weight: 700;
    }
    .decide {
      display: flex;
      gap: 8px;
      margin-top: 10px;
      align-items: center;
    }
    .decide input {
      padding: 6px;
      font-size: 14px;
      width: 90px;
    }
    .decide .comment {
      flex: 1;
      width: auto;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeniorDeskComponent {
  private readonly api = inject(MarkingApiService);
  private readonly i18n = inject(I18nService);
  protected readonly rule = (r: string) => ruleText(r, (key, params) => this.i18n.t(key, params));
  protected readonly items = signal<SeniorItem[] | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load();
  }

  private load() {
    this.api.seniorQueue().subscribe((q) => this.items.set(q));
  }

  protected decide(item: SeniorItem, score: string, comment: string) {
    if (score === '') return;
    this.error.set(null);
    this.api.arbitrate(item.taskId, Number(score), comment).subscribe({
      next: () => this.load(),
      error: (e: HttpErrorResponse) => this.error.set(e.error?.message ?? e.message),
    });
  }
}
